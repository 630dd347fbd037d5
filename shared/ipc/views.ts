/**
 * What the main process shows the renderer: views over the agent's account, connection, cache and
 * settings. Plain data (structured-clone and JSON safe); tokens never appear here.
 */
import type { CodedError } from '../i18n/errors';
import type { Role } from '../domain/permissions';
import type { SessionRequest } from '../domain/session-request';
import type { Agent, Channel, Me, TimelineEvent, TwoFactorEnrolment } from '../protocol/api';
import type { FieldIssue } from '../schemas/validation';

/** The signed-in account, without its tokens. */
export interface AccountView {
  readonly serverUrl: string;
  readonly agent: Me;
}

/**
 * `account.signIn` when the password was right and a second factor is needed: the code is asked next
 * (`account.secondFactor`). The service's challenge stays in the core, as tokens do. `enrolment`: the
 * organisation requires two-factor sign-in and the agent sets it up now, with this secret.
 */
export interface SecondFactorStep {
  readonly secondFactor: {
    readonly expiresAt: string;
    readonly enrolment: TwoFactorEnrolment | null;
  };
}

/** `account.secondFactor`: signed in, and the recovery codes when this sign-in set two-factor up. */
export interface SecondFactorSignIn {
  readonly account: AccountView;
  /** Shown this once: only their hashes are kept. */
  readonly recoveryCodes: readonly string[] | null;
}

export type ConnectionStateName = 'live' | 'reconnecting' | 'offline';

export interface ConnectionView {
  readonly state: ConnectionStateName;
  /** Epoch ms when this state began ("Offline since 14:02"). */
  readonly since: number;
  /** Why it is not live, for a person ("The service at … cannot be reached."); null when live. */
  readonly reason: string | null;
  /** Epoch ms of the next reconnection attempt, when one is scheduled. */
  readonly nextAttemptAt: number | null;
}

export type SyncPhase = 'idle' | 'bootstrapping' | 'resyncing' | 'live';

export interface SyncView {
  readonly phase: SyncPhase;
  /** Requests received so far in a bootstrap or resync. */
  readonly received: number;
  /** How many the service said there are to receive (an estimate: changes up to its head). */
  readonly total: number | null;
  /** Epoch ms of the last change applied, or null before the first. */
  readonly lastAppliedAt: number | null;
}

/** A queued offline operation (create request, add note): where it stands. */
export type PendingState = 'queued' | 'sending' | 'rejected';

export interface PendingView {
  readonly outboxId: number;
  readonly state: PendingState;
  /** The service's refusal, for a rejected operation: its code, values and fields, as a command's. */
  readonly error: (CodedError & { readonly fields?: readonly FieldIssue[] }) | null;
}

/**
 * A remote-control client this agent's Sessiondesk launched for a request and still counts as running:
 * `starting` until the launch settled, `process` while the program runs (its exit ends the session),
 * `uri` after a link handed to the OS (no exit to watch: End session says when it is over).
 */
export interface HandoffView {
  readonly kind: 'starting' | 'process' | 'uri';
  /** The client's name, as Settings shows it ("RustDesk", "Custom command"). */
  readonly client: string;
}

/**
 * A row of the Session Requests table. A request created offline has a local id (`local:…`) and
 * `pending` set until the service has it. `handoff` is what this app launched for it (not cached: a
 * restart forgets it).
 */
export interface RequestRow extends SessionRequest {
  readonly pending: PendingView | null;
  readonly handoff: HandoffView | null;
  /** The end user's chat messages since the agent last read the request's chat (`requests.markRead`). */
  readonly unread: number;
}

/** A timeline entry as shown: a service event, or a note still in the outbox. */
export interface TimelineEntry {
  readonly key: string;
  readonly event: TimelineEvent;
  readonly pending: PendingView | null;
}

export interface RequestDetails {
  readonly request: RequestRow;
  readonly timeline: readonly TimelineEntry[];
}

export interface RequestPage {
  readonly rows: readonly RequestRow[];
  /** Rows matching the query in all. */
  readonly total: number;
  readonly offset: number;
}

export interface RequestCounts {
  /** Every request the agent may see that is not closed or expired. */
  readonly all: number;
  /** Assigned to me, not closed or expired. */
  readonly home: number;
  readonly past: number;
  readonly upcoming: number;
  /** Not closed or expired, per channel id. */
  readonly channels: Readonly<Record<string, number>>;
  /** Ready requests I can connect to (assignee or participant): the tray's count. */
  readonly readyForMe: number;
}

/** Agents and channels, as last fetched (kept in the cache, so they are there offline). */
export interface DirectoryView {
  readonly agents: readonly Agent[];
  readonly channels: readonly Channel[];
}

export interface AgentSummary {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
}

/** A notification for the shell to show (and the renderer to list). */
export interface NotificationView {
  readonly kind:
    | 'waiting'
    | 'ready'
    | 'invited'
    | 'due'
    | 'queued'
    /** Routing: a request was assigned or transferred to me, or its ownership passed to me. */
    | 'assigned'
    /** A collaborative session I am on: another agent joined, left, or ended it for everyone. */
    | 'joined'
    | 'left'
    | 'ended'
    /** The end user ended access while I was connected. */
    | 'access_ended'
    /** The end user answered "How did we do?" on a request of mine (issue 19). */
    | 'rated'
    /** The end user wrote in the chat of a request I am on, while it is not on screen. */
    | 'message';
  readonly requestId: string;
  readonly title: string;
  readonly body: string;
}

export type ThemeSetting = 'system' | 'light' | 'dark';
