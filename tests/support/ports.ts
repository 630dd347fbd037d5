/** Loopback ports for tests. */
import { createServer } from 'node:net';

/** A loopback port nothing listens on now (taken, then released): to start a service on, or to fail on. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('the probe server had no port');
  return address.port;
}
