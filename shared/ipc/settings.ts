/**
 * The agent's settings as the renderer sees and edits them. Values come from the user's settings file
 * unless a managed policy sets them; a policy value wins and the setting shows as locked.
 */
import { z } from 'zod';
import { LANGUAGES, PSEUDO_LANGUAGE, type DisplayLanguage, type Language } from '../i18n/translator';
import { coded, codedPattern } from '../schemas/validation';

export const REMOTE_CLIENT_IDS = ['rustdesk', 'anydesk', 'teamviewer', 'vnc', 'rdp', 'custom'] as const;
export type RemoteClientId = (typeof REMOTE_CLIENT_IDS)[number];

export const THEMES = ['system', 'light', 'dark'] as const;

/**
 * The client's language: the operating system's (the first of its preferred languages the client
 * speaks, else English), one of the catalogues', or the pseudo-locale where the client offers it
 * (development builds), which tests layouts.
 */
export const LANGUAGE_SETTINGS = ['system', ...LANGUAGES, PSEUDO_LANGUAGE] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

/**
 * The Session Requests table's columns an agent can choose, order and size, in their first order.
 * Connect and the row's actions menu are not among them: they always end the row.
 */
export const TABLE_COLUMNS = [
  'recipientName',
  'recipientEmail',
  'status',
  'assignee',
  'channel',
  'createdAt',
  'scheduledAt',
  'expiresAt',
  'comments',
  'ticket',
] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];

/** Widths an agent can give a column, in CSS pixels. */
export const COLUMN_WIDTH_LIMITS = { min: 40, max: 800 } as const;

const tableColumn = z.enum(TABLE_COLUMNS);

const tableColumnsSchema = z.strictObject({
  /** The columns in the agent's order; one left out (added by a later version) goes at the end. */
  order: z.array(tableColumn).refine((order) => new Set(order).size === order.length, coded('duplicates')),
  /** Columns the agent turned off. The recipient is always shown. */
  hidden: z
    .array(tableColumn)
    .refine((hidden) => !hidden.includes('recipientName'), coded('column_always_shown')),
  /** Widths the agent set by dragging or with the arrow keys; the others have their default. */
  widths: z.partialRecord(
    tableColumn,
    z.number().int().min(COLUMN_WIDTH_LIMITS.min).max(COLUMN_WIDTH_LIMITS.max),
  ),
});
export type TableColumnsSetting = z.output<typeof tableColumnsSchema>;

const httpUrl = z
  .string()
  .trim()
  .max(2_000)
  // shared/ has no URL class (no DOM, no Node): the shape is checked here, the host when connecting.
  .regex(codedPattern(/^https?:\/\/[^\s/?#@]+(?::\d{1,5})?(?:[/?#]\S*)?$/i, 'invalid_url'));

export const userSettingsSchema = z.strictObject({
  /** The service's address; empty until the agent first signs in. */
  serverUrl: z.union([z.literal(''), httpUrl]),
  remoteClient: z.enum(REMOTE_CLIENT_IDS),
  /** Path of the remote-control client's executable; empty: the usual place for it. */
  remoteClientPath: z.string().trim().max(4_096),
  /**
   * The custom client: an executable followed by arguments, or a URI, with placeholders {remoteId},
   * {password}, {host}, {port}. Split into an argument list, never run by a shell.
   */
  customCommand: z.string().trim().max(4_096),
  notifications: z.boolean(),
  /** Notify channel members of requests waiting in a queue. */
  queueNotifications: z.boolean(),
  /** At most one "waiting in the queue" notification per channel in this many minutes (0: each one). */
  queueNotificationMinutes: z.number().int().min(0).max(60),
  theme: z.enum(THEMES),
  language: z.enum(LANGUAGE_SETTINGS),
  /** The table's columns: which, in what order, how wide. */
  tableColumns: tableColumnsSchema,
});
export type UserSettings = z.output<typeof userSettingsSchema>;
export type SettingName = keyof UserSettings;

export const DEFAULT_SETTINGS: UserSettings = {
  serverUrl: '',
  remoteClient: 'rustdesk',
  remoteClientPath: '',
  customCommand: '',
  notifications: true,
  queueNotifications: true,
  queueNotificationMinutes: 1,
  theme: 'system',
  language: 'system',
  // The ticket column starts hidden: it is empty where no ticketing system is linked, and the table is
  // full at 1024 px already. Agents who work from tickets turn it on in Columns…
  tableColumns: { order: [...TABLE_COLUMNS], hidden: ['ticket'], widths: {} },
};

/**
 * Settings that are the agent's own preference: no policy sets them (an organisation has no say in how
 * wide a column is). Every other setting has exactly one policy that can lock it.
 */
export const USER_PREFERENCES: readonly SettingName[] = ['tableColumns'];

/** A change from the Settings screen: any subset of the settings. */
export const settingsPatchSchema = userSettingsSchema.partial();
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

/**
 * Which kind of host the core runs in: `desktop` (Electron, or the browser shell, a desktop's core in
 * plain Node) or `web` (the web console: the core in a Worker of a page the service serves). The web
 * console can open a remote-control app only through its link scheme (or an `.rdp` file it offers for
 * download); it cannot start a program, update itself or read a machine's policy.
 */
export const HOST_KINDS = ['desktop', 'web'] as const;
export type HostKind = (typeof HOST_KINDS)[number];

/**
 * Settings that only make sense where the core can start programs: the Settings screen hides them in the
 * web console (where they would do nothing), and the web console's core ignores them.
 */
export const DESKTOP_ONLY_SETTINGS: readonly SettingName[] = ['remoteClientPath'];

export interface RemoteClientSummary {
  readonly id: RemoteClientId;
  readonly name: string;
  /** Whether the client needs an executable path (false for URI hand-offs). */
  readonly usesExecutable: boolean;
  /**
   * Whether this host can hand off to it at all: false in the web console for a client that only a
   * command line can start (the custom client given as a command); Connect then says it needs the desktop app.
   */
  readonly available: boolean;
}

export interface SettingsView {
  /** Where the core runs: the Settings screen hides DESKTOP_ONLY_SETTINGS and the update settings on `web`. */
  readonly hostKind: HostKind;
  readonly values: UserSettings;
  /** Settings a managed policy sets, with the sentence to show beside them. */
  readonly locked: Partial<Record<SettingName, string>>;
  /** The remote-control clients this installation may use (all of them unless a policy narrows it). */
  readonly remoteClients: readonly RemoteClientSummary[];
  /** Whether automatic updates are on (a policy may turn them off). */
  readonly autoUpdate: boolean;
  /**
   * The service's address the sign-in screen offers when the agent has none yet: the browser shell's
   * --server, or the one the app was started with; empty when there is none.
   */
  readonly defaultServerUrl: string;
  /** The language the client speaks now: the setting, or for `system` the operating system's. */
  readonly displayLanguage: DisplayLanguage;
  /**
   * What `system` stands for on this computer: the first of the operating system's (in the browser
   * shell, the browser's) preferred languages the client speaks, else English. The Settings screen
   * names it beside the choice.
   */
  readonly systemLanguage: Language;
  /** Whether the pseudo-locale may be chosen (development builds only). */
  readonly pseudoLanguageAvailable: boolean;
}
