/**
 * An HTTP and WebSocket proxy to the service that can "crash" its client: for a request it is told to
 * watch, it forwards the request, lets the service answer in full, then runs a callback (killing the
 * client) and drops the connection before the answer reaches it.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';

export class CuttingProxy {
  /** The next request matching this is answered by the service but never by the proxy. */
  cutWhen: ((request: IncomingMessage) => boolean) | null = null;
  onCut: () => Promise<void> = () => Promise.resolve();
  readonly cuts: string[] = [];
  private readonly server: Server;

  private constructor(private readonly target: URL) {
    this.server = createServer((incoming, outgoing) => {
      const cut = this.cutWhen?.(incoming) ?? false;
      if (cut) this.cutWhen = null;
      const forwarded = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          if (!cut) {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
            return;
          }
          // The service has answered; the client dies before it hears the answer.
          answer.resume();
          answer.on('end', () => {
            this.cuts.push(`${incoming.method} ${incoming.url} → ${answer.statusCode}`);
            void this.onCut().then(() => outgoing.destroy());
          });
        },
      );
      forwarded.on('error', () => outgoing.destroy());
      incoming.pipe(forwarded);
    });
    this.server.on('upgrade', (incoming: IncomingMessage, socket, head) => {
      const upstream = connect(Number(target.port), target.hostname, () => {
        const lines = [`${incoming.method} ${incoming.url} HTTP/1.1`];
        for (let i = 0; i < incoming.rawHeaders.length; i += 2)
          lines.push(`${incoming.rawHeaders[i]}: ${incoming.rawHeaders[i + 1]}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
  }

  static async start(target: string): Promise<CuttingProxy & { url: string }> {
    const proxy = new CuttingProxy(new URL(target));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.server.address() as { port: number };
    return Object.assign(proxy, { url: `http://127.0.0.1:${port}` });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
