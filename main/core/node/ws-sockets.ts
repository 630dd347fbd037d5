/**
 * The stream's WebSocket in Node (Electron, the browser shell): `ws`, the access token in the
 * Authorization header, pings visible. `ws` loads when first connecting, not with the core: the cache's
 * first page does not wait for it.
 */
import type { SocketOpener } from '../platform/sockets';

export const wsSockets: SocketOpener = {
  async open(url, auth, options, handlers) {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(url, {
      headers: { authorization: `Bearer ${auth.token}` },
      handshakeTimeout: options.handshakeTimeoutMs,
      maxPayload: options.maxPayloadBytes,
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    let opened = false;
    socket.on('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      socket.terminate();
      handlers.onRefused(status, null);
    });
    socket.on('open', () => {
      opened = true;
      handlers.onOpen();
    });
    socket.on('ping', () => handlers.onPing());
    socket.on('message', (data) => {
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
      handlers.onMessage(text);
    });
    socket.on('error', (error) => {
      if (!opened) handlers.onRefused(null, error);
    });
    socket.on('close', (code) => handlers.onClose(code));
    return {
      close: (code, reason) => socket.close(code, reason),
      terminate: () => socket.terminate(),
      closed,
    };
  },
};
