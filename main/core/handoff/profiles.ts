/**
 * How Sessiondesk hands a request's remote endpoint to each remote-control client: the argument
 * template (an argument list, never a command line), the URI template and the schemes it may use,
 * where the client usually lives on each OS, and the rule each placeholder's value must meet.
 *
 * Default hand-off per OS (no path set). An executable is preferred where the client has a reliable
 * command line, because a launched process can be watched: when it exits, the request goes back to
 * Ready. A URI hand-off cannot be watched. Setting a path always means the executable.
 *
 * | client     | win32                         | darwin                           | linux                     |
 * | ---------- | ----------------------------- | -------------------------------- | ------------------------- |
 * | rustdesk   | rustdesk.exe --connect ID     | RustDesk.app binary --connect ID | rustdesk --connect ID     |
 * | anydesk    | AnyDesk.exe ID                | AnyDesk.app binary ID            | anydesk ID                |
 * | teamviewer | TeamViewer.exe -i ID          | teamviewer10://control?device=ID | teamviewer -i ID          |
 * | vnc        | vncviewer.exe host::port      | vnc://host:port (Screen Sharing) | vncviewer host::port      |
 * | rdp        | mstsc.exe /v:host:port        | rdp://full%20address=s:host:port | xfreerdp3/xfreerdp /v:... |
 *
 * TeamViewer's Mac binary has no documented command line, and macOS ships no RDP client: the URI
 * reaches Screen Sharing, TeamViewer and Microsoft's Windows App (Remote Desktop). A password, when the
 * request has one, goes to RustDesk (--password) and TeamViewer (--Password); AnyDesk reads it only
 * from standard input, VNC and RDP viewers ask for it themselves.
 */
import type { RemoteClientId, RemoteClientSummary } from '@shared/ipc/settings';
import {
  ANYDESK_ID_RULE,
  GENERAL_REMOTE_ID_RULE,
  HOST_RULE,
  PASSWORD_RULE,
  PORT_RULE,
  RDP_ADDRESS_RULE,
  RUSTDESK_ID_RULE,
  TEAMVIEWER_ID_RULE,
  VNC_ADDRESS_RULE,
  type Placeholder,
  type ValueRule,
} from './values';

export type Platform = 'win32' | 'darwin' | 'linux';
export type LaunchKind = 'executable' | 'uri';

/** Other Unix systems install clients where Linux does (`platform`: Node's process.platform). */
export function handoffPlatform(platform: string): Platform {
  return platform === 'win32' || platform === 'darwin' ? platform : 'linux';
}

export interface ExecutableSpec {
  /** One element per argument; placeholders are replaced inside their element only. */
  readonly args: readonly string[];
  /** Appended when the request has a password; null when the client takes none on its command line. */
  readonly passwordArgs: readonly string[] | null;
  /** Where installers put it, tried in order, before the PATH names. */
  readonly locations: Readonly<Record<Platform, readonly string[]>>;
  /** Names searched on PATH (with PATHEXT on Windows). */
  readonly pathNames: Readonly<Record<Platform, readonly string[]>>;
  /** The binary inside the macOS bundle, so a path set to "/Applications/X.app" works. */
  readonly bundleExecutable: string | null;
}

export interface UriSpec {
  readonly template: string;
  /** Used instead when the request has a password; null when the URI cannot carry one. */
  readonly templateWithPassword: string | null;
}

/** How the endpoint is read into {host} and {port}: not at all (an ID), or as VNC / RDP write it. */
export type EndpointStyle = 'id' | 'vnc' | 'rdp';

interface ProfileBase {
  readonly id: RemoteClientId;
  readonly name: string;
  /** What the end user enters, as messages name it ("RustDesk ID"). */
  readonly idLabel: string;
  /** Every placeholder this client's templates use, with the rule its value must meet. */
  readonly placeholders: Readonly<Partial<Record<Placeholder, ValueRule>>> & { readonly remoteId: ValueRule };
  readonly kinds: readonly LaunchKind[];
  /** Schemes a URI hand-off may use, lower case with the colon. */
  readonly schemes: readonly string[];
}

export interface BuiltInProfile extends ProfileBase {
  readonly source: 'built-in';
  readonly defaultKind: Readonly<Record<Platform, LaunchKind>>;
  readonly executable: ExecutableSpec;
  readonly uri: UriSpec;
  readonly endpoint: EndpointStyle;
  /** The port {port} gets when the endpoint names none (VNC 5900, RDP 3389). */
  readonly defaultPort: number | null;
  /** Whether "123-456-789" means 123456789. */
  readonly digitGroups: boolean;
}

/** The custom client: its command or URI comes from the customCommand setting. */
export interface CustomProfile extends ProfileBase {
  readonly source: 'settings';
}

export type ClientProfile = BuiltInProfile | CustomProfile;

const same = <T>(value: T): Record<Platform, T> => ({ win32: value, darwin: value, linux: value });

const RUSTDESK: BuiltInProfile = {
  id: 'rustdesk',
  name: 'RustDesk',
  idLabel: 'RustDesk ID',
  source: 'built-in',
  placeholders: { remoteId: RUSTDESK_ID_RULE, password: PASSWORD_RULE },
  kinds: ['executable', 'uri'],
  // RustDesk 1.2+ forwards --connect to its running instance; the URI is what it builds from it.
  defaultKind: same('executable'),
  executable: {
    args: ['--connect', '{remoteId}'],
    passwordArgs: ['--password', '{password}'],
    locations: {
      win32: ['C:\\Program Files\\RustDesk\\rustdesk.exe'],
      darwin: ['/Applications/RustDesk.app/Contents/MacOS/RustDesk'],
      linux: ['/usr/bin/rustdesk'],
    },
    pathNames: { win32: ['rustdesk.exe'], darwin: ['rustdesk'], linux: ['rustdesk'] },
    bundleExecutable: 'RustDesk',
  },
  uri: {
    template: 'rustdesk://connect/{remoteId}',
    templateWithPassword: 'rustdesk://connect/{remoteId}?password={password}',
  },
  schemes: ['rustdesk:'],
  endpoint: 'id',
  defaultPort: null,
  digitGroups: true,
};

const ANYDESK: BuiltInProfile = {
  id: 'anydesk',
  name: 'AnyDesk',
  idLabel: 'AnyDesk ID',
  source: 'built-in',
  placeholders: { remoteId: ANYDESK_ID_RULE },
  kinds: ['executable', 'uri'],
  defaultKind: same('executable'),
  executable: {
    args: ['{remoteId}'],
    // AnyDesk takes a password only on standard input (--with-password); the agent types it in AnyDesk.
    passwordArgs: null,
    locations: {
      win32: ['C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe', 'C:\\Program Files\\AnyDesk\\AnyDesk.exe'],
      darwin: ['/Applications/AnyDesk.app/Contents/MacOS/AnyDesk'],
      linux: ['/usr/bin/anydesk'],
    },
    pathNames: { win32: ['AnyDesk.exe'], darwin: ['anydesk'], linux: ['anydesk'] },
    bundleExecutable: 'AnyDesk',
  },
  uri: { template: 'anydesk:{remoteId}', templateWithPassword: null },
  schemes: ['anydesk:'],
  endpoint: 'id',
  defaultPort: null,
  digitGroups: true,
};

const TEAMVIEWER: BuiltInProfile = {
  id: 'teamviewer',
  name: 'TeamViewer',
  idLabel: 'TeamViewer ID',
  source: 'built-in',
  placeholders: { remoteId: TEAMVIEWER_ID_RULE, password: PASSWORD_RULE },
  kinds: ['executable', 'uri'],
  defaultKind: { win32: 'executable', darwin: 'uri', linux: 'executable' },
  executable: {
    args: ['-i', '{remoteId}'],
    passwordArgs: ['--Password', '{password}'],
    locations: {
      win32: [
        'C:\\Program Files\\TeamViewer\\TeamViewer.exe',
        'C:\\Program Files (x86)\\TeamViewer\\TeamViewer.exe',
      ],
      darwin: [],
      linux: ['/usr/bin/teamviewer', '/opt/teamviewer/tv_bin/script/teamviewer'],
    },
    pathNames: { win32: ['TeamViewer.exe'], darwin: ['teamviewer'], linux: ['teamviewer'] },
    bundleExecutable: 'TeamViewer',
  },
  // The password stays out of the URI: the OS hands URIs to handlers (and logs) we do not control.
  uri: { template: 'teamviewer10://control?device={remoteId}', templateWithPassword: null },
  schemes: ['teamviewer10:', 'tvcontrol1:'],
  endpoint: 'id',
  defaultPort: null,
  digitGroups: true,
};

const VNC: BuiltInProfile = {
  id: 'vnc',
  name: 'VNC viewer',
  idLabel: 'VNC address',
  source: 'built-in',
  placeholders: { remoteId: VNC_ADDRESS_RULE, host: HOST_RULE, port: PORT_RULE },
  kinds: ['executable', 'uri'],
  defaultKind: { win32: 'executable', darwin: 'uri', linux: 'executable' },
  executable: {
    // host::port is unambiguous for TigerVNC, RealVNC, TightVNC and UltraVNC alike.
    args: ['{host}::{port}'],
    passwordArgs: null,
    locations: {
      win32: [
        'C:\\Program Files\\TigerVNC\\vncviewer.exe',
        'C:\\Program Files\\RealVNC\\VNC Viewer\\vncviewer.exe',
        'C:\\Program Files\\TightVNC\\tvnviewer.exe',
      ],
      darwin: [],
      linux: ['/usr/bin/vncviewer', '/usr/bin/xtigervncviewer'],
    },
    pathNames: { win32: ['vncviewer.exe'], darwin: ['vncviewer'], linux: ['vncviewer'] },
    bundleExecutable: null,
  },
  uri: { template: 'vnc://{host}:{port}', templateWithPassword: null },
  schemes: ['vnc:'],
  endpoint: 'vnc',
  defaultPort: 5900,
  digitGroups: false,
};

const RDP: BuiltInProfile = {
  id: 'rdp',
  name: 'Remote Desktop (RDP)',
  idLabel: 'Remote Desktop address',
  source: 'built-in',
  placeholders: { remoteId: RDP_ADDRESS_RULE, host: HOST_RULE, port: PORT_RULE },
  kinds: ['executable', 'uri'],
  defaultKind: { win32: 'executable', darwin: 'uri', linux: 'executable' },
  executable: {
    // mstsc and FreeRDP both read /v:server:port.
    args: ['/v:{host}:{port}'],
    passwordArgs: null,
    locations: {
      win32: ['C:\\Windows\\System32\\mstsc.exe'],
      darwin: [],
      // FreeRDP 3 installs xfreerdp3 (Debian 13, Fedora 40); FreeRDP 2 installs xfreerdp.
      linux: ['/usr/bin/xfreerdp3', '/usr/bin/xfreerdp'],
    },
    pathNames: { win32: ['mstsc.exe'], darwin: ['xfreerdp'], linux: ['xfreerdp3', 'xfreerdp'] },
    bundleExecutable: null,
  },
  // Microsoft's RDP URI scheme: settings as "name=type:value"; the space in "full address" is encoded.
  uri: { template: 'rdp://full%20address=s:{host}:{port}', templateWithPassword: null },
  schemes: ['rdp:'],
  endpoint: 'rdp',
  defaultPort: 3389,
  digitGroups: false,
};

const BUILT_IN = [RUSTDESK, ANYDESK, TEAMVIEWER, VNC, RDP] as const;

/** A custom URI may use the schemes of the built-in clients and nothing else (no http:, file:, …). */
export const CUSTOM_URI_SCHEMES: readonly string[] = [...new Set(BUILT_IN.flatMap((p) => p.schemes))];

const CUSTOM: CustomProfile = {
  id: 'custom',
  name: 'Custom command',
  idLabel: 'remote-control ID',
  source: 'settings',
  placeholders: {
    remoteId: GENERAL_REMOTE_ID_RULE,
    password: PASSWORD_RULE,
    host: HOST_RULE,
    port: PORT_RULE,
  },
  kinds: ['executable', 'uri'],
  schemes: CUSTOM_URI_SCHEMES,
};

export const PROFILES: Readonly<Record<RemoteClientId, ClientProfile>> = {
  rustdesk: RUSTDESK,
  anydesk: ANYDESK,
  teamviewer: TEAMVIEWER,
  vnc: VNC,
  rdp: RDP,
  custom: CUSTOM,
};

/** Every scheme any hand-off may open; the launcher refuses other URIs whatever plan it is given. */
export const ALL_URI_SCHEMES: readonly string[] = CUSTOM_URI_SCHEMES;

/** The Settings screen's view of a client: whether its path setting means anything on this OS. */
export function clientSummary(id: RemoteClientId, platform: Platform): RemoteClientSummary {
  const profile = PROFILES[id];
  return {
    id,
    name: profile.name,
    // A path set for a built-in client is always used; without one, it matters where the default is
    // an executable. The custom client's program is in its command, not in the path setting.
    usesExecutable: profile.source === 'built-in' && profile.defaultKind[platform] === 'executable',
    available: true,
  };
}
