/** Single sign-on's loopback listener on the desktop (RFC 8252 §7.3): 127.0.0.1, a port the OS picks. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoopbackListen } from '../platform/host';

export const listenLoopback: LoopbackListen = async (handle) => {
  const server = createServer((req, res) =>
    handle({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      respond: (status, headers, body) => {
        res.writeHead(status, { ...headers, connection: 'close' });
        res.end(body);
      },
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.close();
      server.closeIdleConnections();
    },
  };
};
