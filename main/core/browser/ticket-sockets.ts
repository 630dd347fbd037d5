/**
 * The stream's WebSocket in a browser: it cannot carry an Authorization header, so the core first asks
 * the service for a one-use ticket with its access token (shared/protocol/console.ts) and opens the
 * stream with that. A browser answers pings itself and shows neither them nor a refused upgrade's status:
 * the service's heartbeat messages keep the watchdog fed, and a refusal is a close before opening.
 */
import { STREAM_TICKET_PATH, streamTicketSchema } from '@shared/protocol/console';
import type { SocketOpener } from '../platform/sockets';

export const ticketSockets: SocketOpener = {
  async open(url, auth, options, handlers) {
    const { ticket } = await auth.api.request('POST', STREAM_TICKET_PATH, {
      token: auth.token,
      body: {},
      schema: streamTicketSchema,
    });
    const socket = new WebSocket(
      `${url}${url.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`,
    );
    let opened = false;
    let settled = false;
    let resolveClosed!: () => void;
    const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
    const finish = (code: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(handshake);
      resolveClosed();
      handlers.onClose(code);
    };
    // No answer to the upgrade in time: given up as `ws` gives up (its handshakeTimeout).
    const handshake = setTimeout(() => {
      if (!opened) {
        socket.close();
        finish(1006);
      }
    }, options.handshakeTimeoutMs);
    socket.addEventListener('open', () => {
      opened = true;
      clearTimeout(handshake);
      handlers.onOpen();
    });
    // The service sends its serialized batches as binary frames (one buffer for every stream): read
    // them as bytes and decode, as `ws` hands the desktop a Buffer.
    socket.binaryType = 'arraybuffer';
    const decoder = new TextDecoder();
    socket.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => {
      const size = typeof event.data === 'string' ? event.data.length : event.data.byteLength;
      if (size > options.maxPayloadBytes) {
        socket.close(1009, 'message too big');
        return;
      }
      handlers.onMessage(typeof event.data === 'string' ? event.data : decoder.decode(event.data));
    });
    socket.addEventListener('close', (event: CloseEvent) => finish(event.code));
    return {
      close: (code, reason) => socket.close(code, reason),
      // A browser cannot drop a socket without the closing handshake: close it and stop listening.
      terminate: () => {
        socket.close(4001, 'silent');
        finish(1006);
      },
      closed,
    };
  },
};
