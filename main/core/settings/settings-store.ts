/**
 * The agent's settings: what they chose (a JSON file in the app's data folder), under what the
 * organisation's policy sets (which wins, and shows as locked), over the defaults. Reading never fails:
 * a damaged file yields defaults for whatever cannot be read, field by field, and is kept as `.bak`
 * when it is next replaced rather than silently lost. Writing is atomic. Changes the policy forbids are
 * refused with a stable code the Settings screen can explain. The view says which language the client
 * speaks (display-language.ts) and words what it says for the agent (why a setting is locked) in it.
 */
import { PSEUDO_LANGUAGE, translator, type DisplayLanguage, type Translator } from '@shared/i18n/translator';
import {
  DEFAULT_SETTINGS,
  REMOTE_CLIENT_IDS,
  settingsPatchSchema,
  userSettingsSchema,
  type HostKind,
  type RemoteClientId,
  type SettingName,
  type SettingsPatch,
  type SettingsView,
  type UserSettings,
} from '@shared/ipc/settings';
import type { DocumentStore } from '../platform/documents';
import { resolveDisplayLanguage, systemLanguage } from './display-language';
import { messageOf } from './errors';
import type { LoadedPolicy } from './policy-source';
import {
  SETTING_POLICIES,
  policyDefault,
  type PolicyValues,
  type SettingPolicyName,
  type StandalonePolicyName,
} from './policy-definitions';
import { CoreError } from '../core-error';
import { domainError, type DomainError } from '@shared/domain/errors';
import { fieldIssue, toFieldIssues, type FieldIssue } from '@shared/schemas/validation';
import { allowedClients } from './policy-normalize';
import { REMOTE_CLIENTS, remoteClientSummaries } from './remote-clients';

export type SettingsErrorCode = 'setting_locked' | 'client_not_allowed' | 'invalid_setting' | 'write_failed';

/**
 * Why `update` refused; `setting` is the setting concerned (null for a write failure). A CoreError, so
 * the renderer gets its code and message as they are, with the field at fault.
 */
export class SettingsError extends CoreError {
  override readonly name = 'SettingsError';
  override readonly code: SettingsErrorCode;
  constructor(
    refusal: DomainError<SettingsErrorCode>,
    readonly setting: SettingName | null = null,
    /** What the setting's field says, beside it. */
    issue?: FieldIssue,
  ) {
    super({ ...refusal, ...(issue ? { fields: [issue] } : {}) });
    this.code = refusal.code;
  }
}

/** Each setting as a sentence can name it. */
const LABELS: Record<SettingName, string> = {
  serverUrl: "The service's address",
  remoteClient: 'The remote-control client',
  remoteClientPath: "The remote-control client's path",
  customCommand: 'The custom command',
  notifications: 'Notifications',
  queueNotifications: 'Queue notifications',
  queueNotificationMinutes: 'How often queue notifications come',
  theme: 'The theme',
  language: 'The language',
  tableColumns: 'The table’s columns',
};

/** The policies that lock a setting, as [policy, setting] pairs. */
const LOCKING: readonly { readonly policy: SettingPolicyName; readonly setting: SettingName }[] =
  SETTING_POLICIES.map((definition) => ({ policy: definition.name, setting: definition.setting }));

/** Why a setting cannot be changed, in the agent's language. */
export function lockedReason(t: Translator, policy: SettingPolicyName): string {
  return t.t('shell.settings.locked', { policy });
}

export interface SettingsStoreOptions {
  /** Where the core runs: the view says it (the web console hides the desktop's settings). */
  readonly hostKind?: HostKind;
  /** Where the user's settings are kept (the `settings` document: `<dataDir>/settings.json` on the desktop). */
  readonly documents: DocumentStore;
  /** The policy from `loadPolicy` (none when omitted). */
  readonly policy?: LoadedPolicy;
  /** Where trouble worth logging goes: a damaged settings file, a change listener that threw. */
  readonly onWarning?: (message: string) => void;
  /** The address offered at sign-in before the agent has one (SettingsView.defaultServerUrl). */
  readonly defaultServerUrl?: string;
  /**
   * The operating system's preferred languages, most preferred first (BCP 47 tags), which the
   * `system` language follows; none: English.
   */
  readonly systemLanguages?: readonly string[];
  /** Whether the pseudo-locale may be chosen: development builds only (default false). */
  readonly pseudoLanguageAvailable?: boolean;
}

type Listener = (view: SettingsView) => void;

export class SettingsStore {
  /** Where the settings are, for messages (`/home/…/settings.json`). */
  readonly file: string;
  private readonly documents: DocumentStore;
  /** What reading the settings file found wrong (empty when it was fine or absent). */
  readonly warnings: readonly string[];
  private user: Partial<UserSettings>;
  /** Whether the file on disk holds anything `user` does not, so replacing it must keep a copy. */
  private damaged: boolean;
  private policy: Partial<PolicyValues>;
  private readonly listeners = new Set<Listener>();
  private readonly warn: (message: string) => void;
  private readonly defaultServerUrl: string;
  private systemLanguages: readonly string[];
  private readonly pseudoLanguageAvailable: boolean;
  private readonly hostKind: HostKind;

  constructor(options: SettingsStoreOptions) {
    this.documents = options.documents;
    this.hostKind = options.hostKind ?? 'desktop';
    this.file = options.documents.describe('settings');
    this.defaultServerUrl = options.defaultServerUrl ?? '';
    this.systemLanguages = [...(options.systemLanguages ?? [])];
    this.pseudoLanguageAvailable = options.pseudoLanguageAvailable ?? false;
    this.policy = options.policy?.values ?? {};
    this.warn = options.onWarning ?? ((message) => console.warn(message));
    const read = readUserSettings(options.documents);
    this.user = read.values;
    this.damaged = read.damaged;
    this.warnings = read.warnings;
    for (const warning of read.warnings) this.warn(warning);
  }

  /** The settings in force: policy over the user's choice over the default. */
  effective(): UserSettings {
    const values: UserSettings = { ...DEFAULT_SETTINGS, ...this.user };
    for (const { policy, setting } of LOCKING) {
      const value = this.policy[policy];
      // Each policy's schema is its setting's own (policy-definitions), so the value fits the setting.
      if (value !== undefined) (values as Record<SettingName, unknown>)[setting] = value;
    }
    const allowed = allowedClients(this.policy);
    if (!allowed.includes(values.remoteClient)) {
      values.remoteClient = allowed.includes(DEFAULT_SETTINGS.remoteClient)
        ? DEFAULT_SETTINGS.remoteClient
        : (allowed[0] ?? DEFAULT_SETTINGS.remoteClient);
    }
    // A pseudo-locale kept from a development build is not offered here: the OS's language applies.
    if (values.language === PSEUDO_LANGUAGE && !this.pseudoLanguageAvailable) values.language = 'system';
    return values;
  }

  /** The language the client speaks now. */
  displayLanguage(): DisplayLanguage {
    return resolveDisplayLanguage(
      this.effective().language,
      this.systemLanguages,
      this.pseudoLanguageAvailable,
    );
  }

  /** The translator of the language the client speaks now, for what the core says to the agent. */
  translator(): Translator {
    return translator(this.displayLanguage());
  }

  view(): SettingsView {
    const displayLanguage = this.displayLanguage();
    return {
      hostKind: this.hostKind,
      values: this.effective(),
      locked: this.locked(translator(displayLanguage)),
      remoteClients: remoteClientSummaries(
        REMOTE_CLIENT_IDS.filter((id) => allowedClients(this.policy).includes(id)),
        this.hostKind,
        this.effective(),
      ),
      autoUpdate: this.policyValue('AutoUpdate'),
      defaultServerUrl: this.defaultServerUrl,
      displayLanguage,
      systemLanguage: systemLanguage(this.systemLanguages),
      pseudoLanguageAvailable: this.pseudoLanguageAvailable,
    };
  }

  /** A policy that is not a setting (AutoUpdate, UpdateChannel, UpdateUrl, AllowedRemoteClients), or its default. */
  policyValue<N extends StandalonePolicyName>(name: N): PolicyValues[N] {
    return this.policy[name] ?? policyDefault(name);
  }

  /**
   * Applies a change from the Settings screen and saves it. Refuses, changing nothing, when it would
   * change a setting the policy locks (sending a locked setting's current value is fine: forms send
   * everything) or choose a client the policy does not allow.
   */
  update(patch: SettingsPatch): SettingsView {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      const issue = toFieldIssues(parsed.error)[0];
      const head = issue?.field.split('.')[0] ?? '';
      const setting = head in LABELS ? (head as SettingName) : null;
      // The English says what is wrong with it, as the field's words do.
      throw new SettingsError(
        { ...domainError('invalid_setting'), ...(issue ? { message: issue.message } : {}) },
        setting,
        issue && setting ? { ...issue, field: setting } : undefined,
      );
    }

    const current = this.effective();
    const locked = this.lockingPolicies();
    const next: Partial<UserSettings> = { ...this.user };
    for (const key of Object.keys(parsed.data) as SettingName[]) {
      const value = parsed.data[key];
      if (value === undefined) continue;
      const policy = locked.get(key);
      if (policy !== undefined) {
        if (value === current[key]) continue;
        throw new SettingsError(
          domainError('setting_locked', { setting: key, policy }),
          key,
          fieldIssue(key, 'locked', { policy }),
        );
      }
      if (key === 'remoteClient') this.checkAllowed(value as RemoteClientId);
      if (key === 'language' && value === PSEUDO_LANGUAGE) this.checkPseudoLanguage();
      // `value` is what the schema accepted for `key`, which TypeScript cannot pair up in a loop.
      (next as Record<SettingName, unknown>)[key] = value;
    }
    if (sameSettings(next, this.user)) return this.view();

    try {
      this.documents.write('settings', `${JSON.stringify(next, null, 2)}\n`, { keepPrevious: this.damaged });
    } catch (error) {
      throw Object.assign(new SettingsError(domainError('write_failed')), { cause: error });
    }
    this.user = next;
    this.damaged = false;
    const view = this.view();
    this.emit(view);
    return view;
  }

  /** Replaces the policy (read again after the organisation changed it) and tells listeners if that shows. */
  setPolicy(policy: LoadedPolicy): void {
    this.changeView(() => {
      this.policy = policy.values;
    });
  }

  /**
   * Replaces the preferred languages `system` follows (the browser shell learns them from each page
   * that connects) and tells listeners if that changes what the client speaks.
   */
  setSystemLanguages(preferred: readonly string[]): void {
    this.changeView(() => {
      this.systemLanguages = [...preferred];
    });
  }

  /** Calls `listener` with the new view after every change; returns the unsubscribe function. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies `change` and tells listeners the new view, if the change shows in it. */
  private changeView(change: () => void): void {
    const before = JSON.stringify(this.view());
    change();
    const view = this.view();
    if (JSON.stringify(view) !== before) this.emit(view);
  }

  private locked(t: Translator): Partial<Record<SettingName, string>> {
    const locked: Partial<Record<SettingName, string>> = {};
    for (const [setting, policy] of this.lockingPolicies()) locked[setting] = lockedReason(t, policy);
    return locked;
  }

  private lockingPolicies(): Map<SettingName, SettingPolicyName> {
    return new Map(
      LOCKING.filter(({ policy }) => this.policy[policy] !== undefined).map(({ policy, setting }) => [
        setting,
        policy,
      ]),
    );
  }

  private checkAllowed(client: RemoteClientId): void {
    const allowed = allowedClients(this.policy);
    if (allowed.includes(client)) return;
    const names = allowed.map((id) => REMOTE_CLIENTS[id].name).join(', ');
    throw new SettingsError(
      domainError('client_not_allowed', { client: REMOTE_CLIENTS[client].name, allowed: names }),
      'remoteClient',
      fieldIssue('remoteClient', 'not_allowed', { allowed: names }),
    );
  }

  private checkPseudoLanguage(): void {
    if (this.pseudoLanguageAvailable) return;
    throw new SettingsError(
      domainError('invalid_setting'),
      'language',
      fieldIssue('language', 'development_only'),
    );
  }

  private emit(view: SettingsView): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(view);
      } catch (error) {
        // The change is saved already; one broken listener must not make it look failed, nor starve the rest.
        this.warn(`A settings listener failed: ${messageOf(error)}`);
      }
    }
  }
}

function sameSettings(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  // Values are JSON (the column layout is an object): compared as they would be written.
  return [...keys].every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

export interface ReadSettings {
  readonly values: Partial<UserSettings>;
  readonly damaged: boolean;
  readonly warnings: string[];
}

/** The user's file, field by field: each valid field kept, everything else reported and defaulted. */
export function readUserSettings(documents: DocumentStore): ReadSettings {
  const file = documents.describe('settings');
  let text: string | null;
  try {
    text = documents.read('settings');
  } catch (error) {
    return {
      values: {},
      damaged: true,
      warnings: [`The settings file ${file} cannot be read (${messageOf(error)}); using the defaults.`],
    };
  }
  if (text === null) return { values: {}, damaged: false, warnings: [] };
  const keep = `the defaults apply, and the file is kept as ${file}.bak when settings are next saved`;
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      values: {},
      damaged: true,
      warnings: [`The settings file ${file} is not valid JSON (${messageOf(error)}): ${keep}.`],
    };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      values: {},
      damaged: true,
      warnings: [`The settings file ${file} does not hold an object: ${keep}.`],
    };
  }

  const values: Partial<Record<SettingName, unknown>> = {};
  const warnings: string[] = [];
  const shape = userSettingsSchema.shape as Record<string, (typeof userSettingsSchema.shape)[SettingName]>;
  for (const [key, value] of Object.entries(data)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!field) {
      warnings.push(
        `The settings file ${file} has an unknown setting ${JSON.stringify(key)}; it is ignored.`,
      );
      continue;
    }
    const checked = field.safeParse(value);
    if (checked.success) values[key as SettingName] = checked.data;
    else
      warnings.push(
        `The setting ${key} in ${file} is not valid (${checked.error.issues[0]?.message ?? 'invalid'}); its default applies.`,
      );
  }
  // Each value passed its own field's schema.
  return { values: values as Partial<UserSettings>, damaged: warnings.length > 0, warnings };
}
