/** The renderer's state, in one zustand store: the session, the table's query and window, and the UI. */
import type { RequestStatus } from '@shared/domain/status';
import type {
  CommandError,
  CommandInput,
  CommandName,
  CommandOutput,
  CommandResult,
  RequestActionInput,
  RequestView,
  SortColumn,
} from '@shared/ipc/contract';
import type { SettingsPatch, SettingsView, TableColumnsSetting } from '@shared/ipc/settings';
import type {
  AccountView,
  SecondFactorSignIn,
  SecondFactorStep,
  ConnectionView,
  DirectoryView,
  RequestCounts,
  RequestDetails,
  SyncView,
} from '@shared/ipc/views';
import type { CodedError } from '@shared/i18n/errors';
import type { Saying } from '../i18n/words';
import type { RowWindow, WindowQuery } from './row-window';

/** `unavailable`: the core could not start (the web console's cache held by another tab): `startError` says why. */
export type Phase = 'starting' | 'signedOut' | 'signedIn' | 'unavailable';

/**
 * What the signed-in window shows: the Session Requests tab, (admins) the administration screens, or
 * the reports.
 */
export type Screen = 'requests' | 'admin' | 'reports';

export type Dialog =
  | { readonly kind: 'create' }
  | { readonly kind: 'pin'; readonly rowId: string }
  | { readonly kind: 'confirm'; readonly action: 'delete'; readonly rowId: string }
  /** Close: the outcome and wrap-up note (issue 19). */
  | { readonly kind: 'closeRequest'; readonly rowId: string }
  | { readonly kind: 'assign' | 'transfer' | 'invite'; readonly rowId: string }
  /** Leave a collaborative session; its owner chooses End session or Leave. */
  | { readonly kind: 'leave'; readonly rowId: string }
  | { readonly kind: 'settings' }
  /** Which columns the table shows, in what order. */
  | { readonly kind: 'columns' }
  | { readonly kind: 'join'; readonly code: string }
  | { readonly kind: 'signOut'; readonly message: Saying }
  /** Account menu → Two-factor sign-in: turn it on or off, new recovery codes. */
  | { readonly kind: 'twoFactor' }
  /** Recovery codes a sign-in that set two-factor sign-in up answered: shown this once. */
  | { readonly kind: 'recoveryCodes'; readonly codes: readonly string[] };

export interface Toast {
  readonly id: number;
  readonly tone: 'info' | 'error' | 'notification';
  readonly title: Saying;
  readonly body?: Saying;
  /** A notification about a request: its Show button opens the details. */
  readonly requestId?: string;
}

export interface TableSnapshot {
  readonly total: number;
  readonly version: number;
  readonly loaded: boolean;
  readonly error: CodedError | null;
}

export type Call = <N extends CommandName>(
  name: N,
  input: CommandInput<N>,
) => Promise<CommandResult<CommandOutput<N>>>;

export interface AppState {
  readonly phase: Phase;
  /** Why the core could not start (phase `unavailable`). */
  readonly startError: CommandError | null;
  readonly account: AccountView | null;
  /** Why the agent was signed out (the sign-in ended elsewhere), for the sign-in screen. */
  readonly signedOutReason: string | null;
  readonly connection: ConnectionView | null;
  readonly sync: SyncView | null;
  readonly directory: DirectoryView;
  readonly settings: SettingsView | null;
  /** Columns changed on screen whose save has not come back yet. */
  readonly unsavedColumns: TableColumnsSetting | null;
  readonly counts: RequestCounts | null;

  readonly query: WindowQuery;
  readonly table: TableSnapshot;
  /** The focused row of the table, by position and by request. */
  readonly activeIndex: number;
  readonly activeId: string | null;
  /** The row whose actions menu is open. */
  readonly menuRowId: string | null;

  readonly screen: Screen;
  readonly detailsId: string | null;
  readonly details: RequestDetails | null;
  readonly detailsLoaded: boolean;
  readonly dialog: Dialog | null;
  readonly toasts: readonly Toast[];
  /** Rows with a Connect on its way. */
  readonly connecting: ReadonlySet<string>;

  /** The rows: read with `rows.rowAt(i)` after subscribing to `table.version`. */
  readonly rows: RowWindow;
  readonly call: Call;

  // --- Session ---
  start(): () => void;
  /** Signed in, or (a second factor needed) the step the sign-in screen asks the code in. */
  signIn(input: CommandInput<'account.signIn'>): Promise<CommandResult<AccountView | SecondFactorStep>>;
  /** The code of that step; a sign-in that set two-factor up shows its recovery codes once. */
  finishSignIn(code: string): Promise<CommandResult<SecondFactorSignIn>>;
  signOut(discardPending?: boolean): Promise<void>;
  retryNow(): void;
  updateSettings(patch: SettingsPatch): Promise<CommandResult<SettingsView>>;
  /** Shows the columns at once; saves them unless `save` is false (a drag in progress). */
  setTableColumns(columns: TableColumnsSetting, save?: boolean): Promise<void>;

  // --- Table ---
  setView(view: RequestView): void;
  setSearch(search: string): void;
  toggleStatus(status: RequestStatus): void;
  clearStatuses(): void;
  setSort(column: SortColumn): void;
  setRange(start: number, end: number): void;
  setActive(index: number): void;
  openMenu(rowId: string | null): void;

  // --- Screens, details, dialogs, toasts ---
  setScreen(screen: Screen): void;
  openDetails(requestId: string): void;
  closeDetails(): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  toast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;

  // --- Request actions ---
  act(rowId: string, action: RequestActionInput): Promise<boolean>;
  connect(rowId: string): Promise<void>;
  /** End session: this agent's remote session is over (the service hears `disconnect`). */
  endSession(rowId: string): Promise<void>;
  copy(text: string, done: Saying): Promise<void>;
  dismissPending(outboxId: number): Promise<void>;
  addNote(requestId: string, text: string): Promise<CommandResult<{ readonly outboxId: number }>>;
  join(code: string): Promise<CommandResult<unknown>>;
}
