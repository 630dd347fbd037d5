/**
 * Every managed policy IT can set, in one list. The Windows registry, macOS managed preferences and
 * JSON readers all normalise through it, and the deployment templates (ADMX/ADML, .mobileconfig, a
 * Linux JSON example) are to be generated from it, so a policy exists in exactly one place: its name
 * (the registry value name, plist key and JSON key alike), its type, a sentence for IT, the value that
 * applies when it is unset, and the user setting it locks, validated by that setting's own schema.
 */
import { z } from 'zod';
import { matchLanguage } from '@shared/domain/languages';
import { PSEUDO_LANGUAGE } from '@shared/i18n/translator';
import { coded } from '@shared/schemas/validation';
import {
  DEFAULT_SETTINGS,
  LANGUAGE_SETTINGS,
  REMOTE_CLIENT_IDS,
  THEMES,
  userSettingsSchema,
  type LanguageSetting,
  type SettingName,
  type UserSettings,
} from '@shared/ipc/settings';

/** How a policy is stored: REG_SZ / <string>, REG_DWORD / <true/>, REG_DWORD / <integer>, REG_MULTI_SZ / <array>. */
export type PolicyType = 'string' | 'boolean' | 'integer' | 'string-list';

export const UPDATE_CHANNELS = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];

export interface PolicyDefinition<N extends string = string, S extends z.ZodType = z.ZodType> {
  /** PascalCase: the registry value name, the plist key and the JSON key. */
  readonly name: N;
  readonly type: PolicyType;
  /** One sentence for IT, shown in the templates. */
  readonly description: string;
  /** What applies when the policy is not set. */
  readonly default: z.output<S>;
  /** The user setting this policy sets and locks, if any. */
  readonly setting?: SettingName;
  /** The accepted values, for a string (a drop-down in ADMX) or the items of a string list. */
  readonly choices?: readonly string[];
  /** Validates a value already coerced to `type`; its error message is shown to IT in the warning. */
  readonly schema: S;
}

/** A policy that is not a user setting (updates, the allowed clients). */
function policy<const N extends string, S extends z.ZodType>(definition: PolicyDefinition<N, S>) {
  return definition;
}

/**
 * A policy that sets and locks a user setting: its schema and default are the setting's own, so a
 * policy value is valid exactly when the user could have chosen it (`narrow` may refuse more, or read
 * another spelling of a value the user could choose).
 */
function lockingPolicy<const N extends string, K extends SettingName>(definition: {
  readonly name: N;
  readonly setting: K;
  readonly type: PolicyType;
  readonly description: string;
  readonly choices?: readonly string[];
  readonly narrow?: (schema: z.ZodType<UserSettings[K]>) => z.ZodType<UserSettings[K]>;
}): PolicyDefinition<N, z.ZodType<UserSettings[K]>> & { readonly setting: K } {
  const own = userSettingsSchema.shape[definition.setting] as unknown as z.ZodType<UserSettings[K]>;
  return {
    name: definition.name,
    type: definition.type,
    description: definition.description,
    setting: definition.setting,
    default: DEFAULT_SETTINGS[definition.setting],
    schema: definition.narrow ? definition.narrow(own) : own,
    ...(definition.choices ? { choices: definition.choices } : {}),
  };
}

/** Refuses "": for a policy, a blank address is a mistake, not a choice. */
const notBlank = (schema: z.ZodType<string>) => schema.refine((value) => value !== '', coded('required'));

/** The languages IT can set: every catalogue's, or the OS's; the pseudo-locale is a developer's tool. */
const POLICY_LANGUAGES = LANGUAGE_SETTINGS.filter((language) => language !== PSEUDO_LANGUAGE);

/**
 * IT's language: `system` or a language the client speaks, also as a regional tag IT may write instead
 * ("de-DE" is de, "zh-TW" zh-Hant); not the pseudo-locale, which only development builds offer.
 */
const policyLanguage = (_setting: z.ZodType<LanguageSetting>) =>
  z.preprocess(
    (value) =>
      typeof value === 'string' && !(LANGUAGE_SETTINGS as readonly string[]).includes(value)
        ? (matchLanguage(value) ?? value)
        : value,
    // The setting's own values (LANGUAGE_SETTINGS) but the pseudo-locale.
    z.enum(POLICY_LANGUAGES),
  );

/** An http(s) address, by the same rule as the service's address in the user settings. */
const addressSchema = notBlank(userSettingsSchema.shape.serverUrl);

export const POLICY_DEFINITIONS = [
  lockingPolicy({
    name: 'ServerUrl',
    setting: 'serverUrl',
    type: 'string',
    description:
      "The session request service's address (for example https://support.example.com); agents cannot change it.",
    // Locking the address to "" would leave agents unable to sign in.
    narrow: notBlank,
  }),
  lockingPolicy({
    name: 'RemoteClient',
    setting: 'remoteClient',
    type: 'string',
    choices: REMOTE_CLIENT_IDS,
    description:
      'The remote-control client Connect launches: rustdesk, anydesk, teamviewer, vnc, rdp or custom; it must be one of AllowedRemoteClients.',
  }),
  lockingPolicy({
    name: 'RemoteClientPath',
    setting: 'remoteClientPath',
    type: 'string',
    description:
      "Full path of the remote-control client's executable; empty means the usual install location.",
  }),
  policy({
    name: 'AllowedRemoteClients',
    type: 'string-list',
    choices: REMOTE_CLIENT_IDS,
    // Unmanaged, an agent is their own IT: every client, the custom command included, is allowed.
    default: [...REMOTE_CLIENT_IDS],
    description:
      'The remote-control clients agents may choose (rustdesk, anydesk, teamviewer, vnc, rdp, custom); when not set, all of them, the custom command included.',
    schema: z.array(z.enum(REMOTE_CLIENT_IDS)).min(1),
  }),
  lockingPolicy({
    name: 'CustomCommand',
    setting: 'customCommand',
    type: 'string',
    description:
      'The custom client: an executable and its arguments, or a URI, with the placeholders {remoteId}, {password}, {host} and {port}; never run by a shell.',
  }),
  lockingPolicy({
    name: 'Notifications',
    setting: 'notifications',
    type: 'boolean',
    description: 'Whether the agent client shows desktop notifications.',
  }),
  lockingPolicy({
    name: 'QueueNotifications',
    setting: 'queueNotifications',
    type: 'boolean',
    description: "Whether agents are notified of requests waiting in their channels' queues.",
  }),
  lockingPolicy({
    name: 'QueueNotificationMinutes',
    setting: 'queueNotificationMinutes',
    type: 'integer',
    description:
      'At most one notification per channel for requests waiting in its queue in this many minutes (0 to 60; 0 notifies each one).',
  }),
  lockingPolicy({
    name: 'Theme',
    setting: 'theme',
    type: 'string',
    choices: THEMES,
    description: 'The colour theme: system, light or dark.',
  }),
  lockingPolicy({
    name: 'Language',
    setting: 'language',
    type: 'string',
    choices: POLICY_LANGUAGES,
    description:
      "The agent client's language, which agents cannot change: system (the operating system's language, or English where the client does not speak it) or one of the languages the client speaks.",
    narrow: policyLanguage,
  }),
  policy({
    name: 'PreferSingleSignOn',
    type: 'boolean',
    default: false,
    description:
      'When the service offers single sign-on, the sign-in screen shows only its button; the e-mail and password form is one click away (for break-glass administrators). With ServerUrl, first launch is one click.',
    schema: z.boolean(),
  }),
  policy({
    name: 'AutoUpdate',
    type: 'boolean',
    default: true,
    description: 'Whether the agent client downloads and installs updates by itself.',
    schema: z.boolean(),
  }),
  policy({
    name: 'UpdateChannel',
    type: 'string',
    choices: UPDATE_CHANNELS,
    default: 'stable',
    description: 'Which releases automatic updates install: stable or beta.',
    schema: z.enum(UPDATE_CHANNELS),
  }),
  policy({
    name: 'UpdateUrl',
    type: 'string',
    default: '',
    description:
      "Address of your own update feed (a generic electron-builder feed) instead of the publisher's; empty means the publisher's.",
    schema: addressSchema,
  }),
] as const;

type Definitions = (typeof POLICY_DEFINITIONS)[number];
export type PolicyName = Definitions['name'];

/** Every policy's value type, by name. */
export type PolicyValues = { [D in Definitions as D['name']]: z.output<D['schema']> };

/** The policies that lock a user setting, and the ones that do not (read with `policyValue`). */
export type SettingPolicyName = SettingPolicyDefinition['name'];
export type StandalonePolicyName = Exclude<PolicyName, SettingPolicyName>;

export const POLICY_NAMES: readonly PolicyName[] = POLICY_DEFINITIONS.map((definition) => definition.name);

/** The definitions that lock a user setting. */
export type SettingPolicyDefinition = Extract<Definitions, { readonly setting: SettingName }>;
export const SETTING_POLICIES: readonly SettingPolicyDefinition[] = POLICY_DEFINITIONS.filter(
  (definition): definition is SettingPolicyDefinition => 'setting' in definition,
);

export function policyDefinition(name: PolicyName): Definitions {
  const found = POLICY_DEFINITIONS.find((definition) => definition.name === name);
  if (!found) throw new Error(`Unknown policy ${name}.`);
  return found;
}

/** What applies when the policy `name` is not set. */
export function policyDefault<N extends PolicyName>(name: N): PolicyValues[N] {
  return policyDefinition(name).default as PolicyValues[N];
}
