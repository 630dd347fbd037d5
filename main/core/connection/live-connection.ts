/**
 * The agent's live connection to the service: catch up through GET /sync, then hold the WebSocket change
 * stream, watching its heartbeats; when it drops, try again with backoff. It reports `live`,
 * `reconnecting` or `offline` with the time that state began, and why: worded when shown, in the
 * language the client speaks then, so a change of language rewords a reason already shown.
 */
import { errorText } from '@shared/i18n/errors';
import type { Translator } from '@shared/i18n/translator';
import type { ConnectionView } from '@shared/ipc/views';
import {
  HEARTBEAT_INTERVAL_MS,
  STREAM_CLOSE,
  streamMessageSchema,
  type InvalidateKind,
  type StreamMessage,
} from '@shared/protocol/stream';
import { ApiError } from '../api/api-error';
import { SignInEndedError, type AuthSession } from '../account/auth-session';
import type { SocketOpener, StreamSocket } from '../platform/sockets';
import type { SyncEngine } from '../sync/sync-engine';
import { DEFAULT_BACKOFF, reconnectDelay, type BackoffOptions } from './backoff';

/** Why the connection is not live, as words in the language of `t`. */
export type ConnectionReason = (t: Translator) => string;

/** The reason a refusal gives, worded by its code (its English message for a code the catalogue lacks). */
const reasonOf =
  (error: ApiError): ConnectionReason =>
  (t) =>
    errorText(t, error);

/** A ConnectionView with its reason not worded yet. */
type ConnectionState = Omit<ConnectionView, 'reason'> & { readonly reason: ConnectionReason | null };

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

export interface LiveConnectionOptions {
  readonly session: AuthSession;
  /** The platform's WebSocket (ws with a header in Node; a stream ticket in a browser). */
  readonly sockets: SocketOpener;
  readonly sync: SyncEngine;
  /** The translator of the language the client speaks now, for the reason. */
  readonly translator: () => Translator;
  readonly onState: (view: ConnectionView) => void;
  /** Agents, channels, the agent's own access or the organisation's settings changed at the service. */
  readonly onInvalidate: (what: InvalidateKind) => void;
  /** The sign-in ended (refresh refused): stop for good. */
  readonly onSignInEnded: (reason: ConnectionReason) => void;
  readonly backoff?: BackoffOptions;
  /** Longest random wait before the first attempt, so a fleet restarting together spreads out. */
  readonly startJitterMs?: number;
  /** Failed attempts in a row after which the state says offline rather than reconnecting. */
  readonly offlineAfterAttempts?: number;
  /** Silence on the socket after which it is presumed dead. */
  readonly heartbeatTimeoutMs?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

/** Largest stream message accepted: a batch of changes with their timelines. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export class LiveConnection {
  private view: ConnectionState;
  private socket: StreamSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private stopped = false;
  private running = false;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: LiveConnectionOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.view = {
      state: 'reconnecting',
      since: this.now(),
      reason: (t) => t.t('shell.connection.connecting'),
      nextAttemptAt: null,
    };
  }

  /** The state now, its reason in the language the client speaks now. */
  get state(): ConnectionView {
    const { reason } = this.view;
    return { ...this.view, reason: reason && reason(this.options.translator()) };
  }

  get live(): boolean {
    return this.view.state === 'live';
  }

  start(immediately = false): void {
    const jitter = immediately ? 0 : Math.round(this.random() * (this.options.startJitterMs ?? 2_000));
    this.schedule(jitter);
  }

  /** Try now instead of waiting for the backoff (the agent clicked "Retry"). */
  retryNow(): void {
    if (this.stopped || this.running || this.socket) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.close(1000, 'client stopping');
      const forced = setTimeout(() => socket.terminate(), 2_000);
      await socket.closed;
      clearTimeout(forced);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    if (delayMs > 0 && this.view.state !== 'live')
      this.setView({ ...this.view, nextAttemptAt: this.now() + delayMs });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.attempt();
    }, delayMs);
  }

  private async attempt(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    try {
      await this.options.sync.catchUp();
      if (this.stopped) return;
      await this.openStream(await this.options.session.token());
    } catch (error) {
      this.running = false;
      this.failed(error);
      return;
    }
    this.running = false;
  }

  private async openStream(token: string): Promise<void> {
    const base = this.options.session.api.serverUrl.replace(/^http/, 'ws');
    const cursor = this.options.sync.cursor();
    const serverUrl = this.options.session.api.serverUrl;
    let socket: StreamSocket | null = null;
    return new Promise<void>((resolveOpened, rejectOpened) => {
      let opened = false;
      let watchdog: ReturnType<typeof setTimeout> | null = null;
      const silence = this.options.heartbeatTimeoutMs ?? HEARTBEAT_INTERVAL_MS * 3;
      const alive = () => {
        if (watchdog) clearTimeout(watchdog);
        watchdog = setTimeout(() => socket?.terminate(), silence);
      };
      const unreachable = (problem: string) =>
        ApiError.of(0, 'unreachable', { problem, address: serverUrl, host: new URL(serverUrl).hostname });
      this.options.sockets
        .open(
          `${base}/api/v1/stream?since=${cursor}`,
          { token, api: this.options.session.api },
          { maxPayloadBytes: MAX_MESSAGE_BYTES, handshakeTimeoutMs: 10_000 },
          {
            onOpen: alive,
            onPing: alive,
            onMessage: (text) => {
              alive();
              const message = this.parse(text);
              if (!message) return;
              if (message.type === 'ready') {
                opened = true;
                this.failures = 0;
                this.setView({ state: 'live', since: this.now(), reason: null, nextAttemptAt: null });
                resolveOpened();
              } else if (message.type === 'changes') {
                // Something was missed (or could not be written): close, catch up through GET /sync, and
                // come back at once.
                void this.options.sync.applyBatch(message.prev, message.changes).then(
                  (result) => result === 'gap' && socket?.close(4000, 'gap'),
                  () => socket?.close(4000, 'gap'),
                );
              } else if (message.type === 'invalidate') {
                this.options.onInvalidate(message.what);
              }
            },
            onRefused: (status, error) => {
              if (status === null) rejectOpened(asError(error));
              else
                rejectOpened(
                  status === 401 ? ApiError.of(status, 'unauthorized') : ApiError.of(status, 'unavailable'),
                );
            },
            onClose: (code) => {
              if (watchdog) clearTimeout(watchdog);
              if (this.socket === socket) this.socket = null;
              if (!opened) {
                rejectOpened(unreachable(`WebSocket ${code}`));
                return;
              }
              this.dropped(code);
            },
          },
        )
        .then(
          (opening) => {
            socket = opening;
            if (this.stopped) opening.close(1000, 'client stopping');
            else this.socket = opening;
          },
          (error: unknown) => rejectOpened(asError(error)),
        );
    });
  }

  private parse(text: string): StreamMessage | null {
    try {
      const parsed = streamMessageSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** The open stream closed: come back at once when the service asked for a catch-up, else back off. */
  private dropped(code: number): void {
    if (this.stopped) return;
    const immediate = code === STREAM_CLOSE.resyncRequired.code || code === 4000;
    this.setView({
      state: 'reconnecting',
      since: this.now(),
      reason: (t) =>
        code === STREAM_CLOSE.shuttingDown.code
          ? t.t('shell.connection.restarting')
          : t.t('shell.connection.lost'),
      nextAttemptAt: null,
    });
    if (code === STREAM_CLOSE.unauthorized.code) {
      // The sign-in was ended at the service: the next attempt's refresh says so, or gets a new token.
      this.schedule(0);
      return;
    }
    this.schedule(immediate ? 0 : this.nextDelay());
  }

  private failed(error: unknown): void {
    if (this.stopped) return;
    if (error instanceof SignInEndedError) {
      const reason = reasonOf(error);
      this.setView({ state: 'offline', since: this.now(), reason, nextAttemptAt: null });
      this.options.onSignInEnded(reason);
      return;
    }
    const reason: ConnectionReason =
      error instanceof ApiError ? reasonOf(error) : (t) => t.t('shell.connection.unreachable');
    this.failures++;
    const offline = this.failures >= (this.options.offlineAfterAttempts ?? 3);
    // "Offline since" is when the connection was lost, not when this attempt failed.
    const since = this.view.state === 'live' ? this.now() : this.view.since;
    this.setView({ state: offline ? 'offline' : 'reconnecting', since, reason, nextAttemptAt: null });
    this.schedule(this.nextDelay());
  }

  /** A jittered wait of 1–4 s (backoff.ts says why), whichever attempt this is. */
  private nextDelay(): number {
    return reconnectDelay(this.random(), this.options.backoff ?? DEFAULT_BACKOFF);
  }

  private setView(view: ConnectionState): void {
    this.view = view;
    this.options.onState(this.state);
  }
}
