/**
 * The sockets seam: the live change stream's WebSocket. Node hosts use `ws` with the access token in the
 * Authorization header; a browser cannot set headers on a WebSocket, so the web console first asks for a
 * one-use stream ticket (shared/protocol/console.ts) and opens the stream with it. Either way the core
 * sees text messages, a close code, or why the opening failed.
 */
import type { ApiClient } from '../api/api-client';

export interface StreamSocketHandlers {
  /** The socket is open (the service's `ready` message follows). */
  onOpen(): void;
  /** A message's text (the service's JSON). */
  onMessage(text: string): void;
  /** A ping, where the engine shows them (a browser answers pings itself and does not). */
  onPing(): void;
  /** The opening failed before the socket opened: the HTTP status when the service answered one. */
  onRefused(status: number | null, error: unknown): void;
  /** The socket closed (after opening, or before with no answer): its close code. */
  onClose(code: number): void;
}

export interface StreamSocket {
  /** Closes with a code and reason (the service sees them). */
  close(code: number, reason: string): void;
  /** Drops the connection at once, without the closing handshake (a silent peer). */
  terminate(): void;
  /** Settles once the socket is closed, however it closed. */
  readonly closed: Promise<void>;
}

export interface SocketOpener {
  /**
   * Opens `url` (ws: or wss:) as the agent whose access token is `token`. `api` is the service's client, for
   * a host that must first fetch a stream ticket with the token.
   */
  open(
    url: string,
    auth: { readonly token: string; readonly api: ApiClient },
    options: { readonly maxPayloadBytes: number; readonly handshakeTimeoutMs: number },
    handlers: StreamSocketHandlers,
  ): Promise<StreamSocket>;
}
