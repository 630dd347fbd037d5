/**
 * The baseline the UI's first sign-in is a ratio to: the same browser shell process, signed in over its
 * own IPC socket (the bridge's protocol, main/browser-shell/bridge/protocol.ts) with no page at all, from
 * the sign-in command to the `sync` event saying live with every request received. What the UI's first
 * sign-in costs beyond this is the renderer's doing (its queries, the bridge, rendering).
 */
import WebSocket from 'ws';
import type { SyncView } from '@shared/ipc/views';
import { IPC_PATH, type ShellMessage } from '../../main/browser-shell/bridge/protocol';

/** The shell's address as printed (`http://127.0.0.1:PORT/#key=…`): its origin and key. */
function shellEndpoint(url: string): { origin: string; key: string } {
  const parsed = new URL(url);
  const key = new URLSearchParams(parsed.hash.slice(1)).get('key');
  if (!key) throw new Error(`no key in ${url}`);
  return { origin: parsed.origin, key };
}

/**
 * Signs the shell's core in as `credentials` and resolves with the ms from the sign-in command to live
 * with at least `requests` received; rejects on a refused sign-in, a closed socket or after `limitMs`.
 */
export function coreBootstrapMs(
  shellUrl: string,
  credentials: { readonly email: string; readonly password: string },
  requests: number,
  limitMs = 15 * 60_000,
): Promise<number> {
  const { origin, key } = shellEndpoint(shellUrl);
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}${IPC_PATH}`, { origin });
  return new Promise<number>((resolve, reject) => {
    let startedAt = 0;
    const done = (error: Error | null, ms = 0) => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(ms);
    };
    const timer = setTimeout(
      () => done(new Error(`the core was not live within ${limitMs / 1000} s`)),
      limitMs,
    );
    socket.on('open', () => socket.send(key));
    socket.on('error', (error) => done(error));
    socket.on('close', (code) => {
      if (startedAt >= 0) done(new Error(`the shell closed its socket (${code})`));
    });
    socket.on('message', (data) => {
      const message = JSON.parse((data as Buffer).toString('utf8')) as ShellMessage;
      if (message.type === 'ready') {
        startedAt = performance.now();
        socket.send(JSON.stringify({ id: 1, name: 'account.signIn', input: credentials }));
      } else if (message.type === 'result' && !message.result.ok) {
        done(new Error(`sign-in refused: ${message.result.error.message}`));
      } else if (message.type === 'event' && message.name === 'sync' && startedAt > 0) {
        const sync = message.payload as SyncView;
        if (sync.phase === 'live' && sync.received >= requests) {
          const ms = performance.now() - startedAt;
          startedAt = -1;
          done(null, ms);
        }
      }
    });
  });
}
