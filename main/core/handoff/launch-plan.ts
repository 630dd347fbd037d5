/**
 * Decides, without touching the system, what Connect will start: a program with an argument list, a
 * URI for the OS to open, or (in the web console, for Remote Desktop) an `.rdp` file to offer. The web
 * console starts no program: there every built-in client opens by its link scheme whatever the OS's
 * default, and a custom command line is refused with `needs_desktop_app`. Every value is checked against the client's rule first, so a refusal
 * comes before anything runs. Nothing here produces a string meant for a shell.
 */
import type { HostKind, RemoteClientId, UserSettings } from '@shared/ipc/settings';
import type { SaveFileRequest } from '../platform/files';
import type { HandoffOs } from '../platform/host';
import {
  PROFILES,
  type BuiltInProfile,
  type ClientProfile,
  type CustomProfile,
  type Platform,
} from './profiles';
import { rdpFile, rdpSaveRequest } from './rdp-file';
import { fill, encodeUriValue, parseTemplate, placeholdersOf, schemeOf, type TemplatePart } from './template';
import { tokenizeCommand } from './tokenize';
import {
  conforms,
  normalizeRemote,
  parseEndpoint,
  PASSWORD_RULE,
  type Endpoint,
  type Placeholder,
} from './values';

/** Where a process plan's command came from, so a "not found" message names the setting to change. */
export type CommandSource = 'default' | 'path-setting' | 'custom-command';

export type LaunchPlan =
  | {
      readonly kind: 'process';
      readonly command: string;
      readonly args: readonly string[];
      /** Other places to look, in order, when `command` is not there (the usual places, PATH names). */
      readonly fallbacks: readonly string[];
      readonly source: CommandSource;
    }
  | { readonly kind: 'uri'; readonly uri: string }
  /** A file the client opens (the web console's `.rdp`): offered, then nothing to watch. */
  | { readonly kind: 'file'; readonly file: PlannedFile };

export interface PlannedFile {
  readonly request: SaveFileRequest;
  readonly text: string;
}

export type PlanErrorCode =
  | 'no_remote_id'
  | 'invalid_remote_id'
  | 'invalid_password'
  | 'no_custom_command'
  | 'scheme_not_allowed'
  | 'invalid_template'
  | 'needs_desktop_app';

export interface PlanError {
  readonly code: PlanErrorCode;
  readonly message: string;
}

export type PlanResult =
  | { readonly ok: true; readonly plan: LaunchPlan; readonly client: string }
  | { readonly ok: false; readonly error: PlanError };

export type LaunchSettings = Pick<UserSettings, 'remoteClientPath' | 'customCommand'>;

export interface RemoteEndpoint {
  /** What the end user entered on the join page; null until they have. */
  readonly remote: string | null;
  readonly password?: string | null;
}

const SETTINGS_PLACE = 'Settings → Remote-control client';
const URI_MAX = 2_048;

const refuse = (code: PlanErrorCode, message: string): PlanResult => ({
  ok: false,
  error: { code, message },
});

/** A value quoted for a message, cut short: it was typed by someone else. */
function shown(value: string): string {
  return `“${value.length > 64 ? `${value.slice(0, 63)}…` : value}”`;
}

export function planLaunch(
  clientId: RemoteClientId,
  settings: LaunchSettings,
  endpoint: RemoteEndpoint,
  platform: HandoffOs,
  hostKind: HostKind = 'desktop',
): PlanResult {
  const profile: ClientProfile = PROFILES[clientId];
  const digitGroups = profile.source === 'built-in' && profile.digitGroups;
  const remoteId = normalizeRemote(endpoint.remote ?? '', digitGroups);
  if (remoteId === '') {
    return refuse(
      'no_remote_id',
      `The end user has not entered their ${profile.idLabel} yet. Ask them to enter it on the join page, then Connect again.`,
    );
  }
  if (!conforms(profile.placeholders.remoteId, remoteId)) {
    return refuse(
      'invalid_remote_id',
      `${shown(remoteId)} is not a valid ${profile.idLabel}. ${profile.name} expects ${profile.placeholders.remoteId.expected}.`,
    );
  }
  const password = endpoint.password ?? '';
  if (password !== '' && !conforms(PASSWORD_RULE, password)) {
    return refuse(
      'invalid_password',
      `The password for ${profile.name} cannot be passed on: expected ${PASSWORD_RULE.expected}.`,
    );
  }
  const values: Partial<Record<Placeholder, string>> = { remoteId };
  if (password !== '') values.password = password;

  if (hostKind === 'web') {
    return profile.source === 'built-in'
      ? planBuiltInWeb(profile, values)
      : planCustom(profile, settings.customCommand.trim(), values, false);
  }
  return profile.source === 'built-in'
    ? planBuiltIn(profile, settings.remoteClientPath.trim(), values, platform)
    : planCustom(profile, settings.customCommand.trim(), values, true);
}

/** {host} and {port} of an address client (VNC, RDP), or a refusal; an ID client has neither. */
function readEndpoint(
  profile: BuiltInProfile,
  values: Partial<Record<Placeholder, string>>,
): PlanResult | null {
  if (profile.endpoint === 'id') return null;
  // The ID rule accepted it, so it parses.
  const parsed = parseEndpoint(values.remoteId ?? '', profile.endpoint === 'vnc' ? 'vnc' : 'port');
  if (parsed === null) {
    return refuse('invalid_remote_id', `${shown(values.remoteId ?? '')} is not an address.`);
  }
  values.host = parsed.host;
  values.port = String(parsed.port ?? profile.defaultPort ?? '');
  return null;
}

/**
 * The web console: no program can start, and the path setting means nothing. Remote Desktop's
 * `rdp:` scheme reaches only macOS's client, so it gets a file every RDP client opens; the others
 * open by their link scheme on every OS.
 */
function planBuiltInWeb(profile: BuiltInProfile, values: Partial<Record<Placeholder, string>>): PlanResult {
  const unusable = readEndpoint(profile, values);
  if (unusable !== null) return unusable;
  if (profile.id === 'rdp') {
    const endpoint = { host: values.host ?? '', port: Number(values.port) };
    return {
      ok: true,
      client: profile.name,
      plan: {
        kind: 'file',
        file: { request: rdpSaveRequest(endpoint, profile.name), text: rdpFile(endpoint) },
      },
    };
  }
  const template =
    values.password !== undefined && profile.uri.templateWithPassword !== null
      ? profile.uri.templateWithPassword
      : profile.uri.template;
  return uriPlan(profile, template, values);
}

function planBuiltIn(
  profile: BuiltInProfile,
  path: string,
  values: Partial<Record<Placeholder, string>>,
  platform: Platform,
): PlanResult {
  const unusable = readEndpoint(profile, values);
  if (unusable !== null) return unusable;
  const withPassword = values.password !== undefined;
  const kind = path !== '' ? 'executable' : profile.defaultKind[platform];

  if (kind === 'uri') {
    const template =
      withPassword && profile.uri.templateWithPassword !== null
        ? profile.uri.templateWithPassword
        : profile.uri.template;
    return uriPlan(profile, template, values);
  }

  const spec = profile.executable;
  const templates = [...spec.args, ...(withPassword && spec.passwordArgs !== null ? spec.passwordArgs : [])];
  const args: string[] = [];
  for (const template of templates) {
    const parsed = parseTemplate(template);
    if (!parsed.ok) return refuse('invalid_template', parsed.message);
    const unusable = checkValues(profile, parsed.parts, values);
    if (unusable !== null) return unusable;
    args.push(fill(parsed.parts, values));
  }
  if (path !== '') {
    return processPlan(
      profile,
      bundleBinary(path, spec.bundleExecutable, platform),
      args,
      [],
      'path-setting',
    );
  }
  const [command, ...fallbacks] = [...spec.locations[platform], ...spec.pathNames[platform]];
  if (command === undefined) {
    return refuse(
      'invalid_template',
      `${profile.name} has no usual place on this system: set its path in ${SETTINGS_PLACE}.`,
    );
  }
  return processPlan(profile, command, args, fallbacks, 'default');
}

/** On macOS a path set to the app ("/Applications/RustDesk.app") means the binary inside it. */
function bundleBinary(path: string, bundleExecutable: string | null, platform: Platform): string {
  if (platform !== 'darwin' || bundleExecutable === null || !/\.app\/?$/.test(path)) return path;
  return `${path.replace(/\/$/, '')}/Contents/MacOS/${bundleExecutable}`;
}

function processPlan(
  profile: ClientProfile,
  command: string,
  args: readonly string[],
  fallbacks: readonly string[],
  source: CommandSource,
): PlanResult {
  return { ok: true, client: profile.name, plan: { kind: 'process', command, args, fallbacks, source } };
}

function uriPlan(
  profile: ClientProfile,
  template: string,
  values: Partial<Record<Placeholder, string>>,
): PlanResult {
  const scheme = schemeOf(template);
  const head = template.slice(0, template.indexOf(':') + 1);
  if (scheme === null || head.includes('{')) {
    return refuse('invalid_template', `A URI must start with its scheme written out, like rustdesk:.`);
  }
  if (!profile.schemes.includes(scheme)) {
    return refuse(
      'scheme_not_allowed',
      `${profile.name} may open only ${profile.schemes.join(', ')} URIs, not ${scheme}.`,
    );
  }
  const parsed = parseTemplate(template);
  if (!parsed.ok) return refuse('invalid_template', parsed.message);
  const unusable = checkValues(profile, parsed.parts, values);
  if (unusable !== null) return unusable;
  const uri = fill(parsed.parts, values, encodeUriValue);
  if (/\s/.test(uri) || uri.length > URI_MAX) {
    return refuse(
      'invalid_template',
      `The URI has whitespace in it or is longer than ${URI_MAX} characters.`,
    );
  }
  return { ok: true, client: profile.name, plan: { kind: 'uri', uri } };
}

/** Whether the custom command is a link (opens anywhere) rather than a command line (a desktop's only). */
export function looksLikeUri(command: string): boolean {
  // Two letters at least, so "C:\Tools\viewer.exe" is a path; a URI has no whitespace.
  return /^[A-Za-z][A-Za-z0-9+.-]+:/.test(command) && !/\s/.test(command);
}

function planCustom(
  profile: CustomProfile,
  command: string,
  values: Partial<Record<Placeholder, string>>,
  canStartPrograms: boolean,
): PlanResult {
  if (command === '') {
    return refuse(
      'no_custom_command',
      `No custom command is set. Enter one in ${SETTINGS_PLACE}, like: /usr/bin/myviewer --connect {remoteId}`,
    );
  }
  const withEndpoint = addEndpoint(values);
  if (looksLikeUri(command)) return uriPlan(profile, command, withEndpoint);
  if (!canStartPrograms) {
    return refuse(
      'needs_desktop_app',
      `${profile.name} is a command line, and a web browser cannot start programs. Connect from the desktop app, or set the custom command to a link (like rustdesk://connect/{remoteId}) in ${SETTINGS_PLACE}.`,
    );
  }

  const tokens = tokenizeCommand(command);
  if (!tokens.ok) return refuse('invalid_template', tokens.message);
  const [program, ...rest] = tokens.tokens;
  if (program === undefined || program === '') {
    return refuse('invalid_template', 'The custom command does not start with a program.');
  }
  const programParts = parseTemplate(program);
  if (!programParts.ok) return refuse('invalid_template', programParts.message);
  if (placeholdersOf(programParts.parts).size > 0) {
    return refuse(
      'invalid_template',
      'The program to run must be written out in the custom command, not a placeholder.',
    );
  }
  const args: string[] = [];
  for (const token of rest) {
    const parsed = parseTemplate(token);
    if (!parsed.ok) return refuse('invalid_template', parsed.message);
    const unusable = checkValues(profile, parsed.parts, withEndpoint);
    if (unusable !== null) return unusable;
    args.push(fill(parsed.parts, withEndpoint));
  }
  // The launcher resolves the program (absolute path, or a name on PATH) by the OS's rules.
  return processPlan(profile, fill(programParts.parts, {}), args, [], 'custom-command');
}

/** {host} and {port} of a custom command: the remote read as host, host:port or host::port. */
function addEndpoint(values: Partial<Record<Placeholder, string>>): Partial<Record<Placeholder, string>> {
  const parsed: Endpoint | null = parseEndpoint(values.remoteId ?? '', 'port');
  if (parsed === null) return values;
  return { ...values, host: parsed.host, ...(parsed.port === null ? {} : { port: String(parsed.port) }) };
}

/**
 * A refusal when a template uses a placeholder this request has no value for, or whose value breaks
 * the client's rule for it. The remote ID was checked already; this is the last look before the values
 * are put in place, so no template can carry an unchecked value.
 */
function checkValues(
  profile: ClientProfile,
  parts: readonly TemplatePart[],
  values: Partial<Record<Placeholder, string>>,
): PlanResult | null {
  for (const name of placeholdersOf(parts)) {
    const rule = profile.placeholders[name];
    if (rule === undefined) {
      return refuse(
        'invalid_template',
        `${profile.name}'s template uses {${name}}, which it has no value for.`,
      );
    }
    const value = values[name];
    if (value === undefined) {
      // No password: {password} is left empty (the client then asks for it), never a refusal.
      if (name === 'password') continue;
      const needs = name === 'host' ? 'an address (host or host:port)' : 'an address with a port (host:port)';
      return refuse(
        'invalid_remote_id',
        `The ${profile.idLabel} the end user entered, ${shown(values.remoteId ?? '')}, is not ${needs}, which {${name}} in the custom command needs.`,
      );
    }
    if (!conforms(rule, value)) {
      return refuse(
        'invalid_remote_id',
        `${shown(value)} is not valid for {${name}}: expected ${rule.expected}.`,
      );
    }
  }
  return null;
}
