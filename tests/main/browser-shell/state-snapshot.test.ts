/**
 * A page that (re)connects to the browser shell is brought level before `ready`: the core's state as
 * the events it would have received. A tab whose socket dropped while the agent's settings changed (or
 * the sign-in ended, or rows changed) shows the state now without a reload. The real core, signed in to
 * a real service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserShell, type BrowserShell } from '../../../main/browser-shell/shell';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { capturedLogger, fixtureRenderer, noPolicyEnv, ShellSocket, temporaryDir } from './helpers';

let service: TestService;
let shell: BrowserShell;
const dirs: { remove: () => void }[] = [];

beforeAll(async () => {
  service = await startTestService();
  const renderer = temporaryDir('renderer');
  const policy = temporaryDir('policy');
  const data = temporaryDir('shell-data');
  dirs.push(renderer, policy, data);
  fixtureRenderer(renderer.path);
  shell = await startBrowserShell({
    dataDir: data.path,
    port: 0,
    rendererDir: renderer.path,
    logger: capturedLogger().logger,
    env: noPolicyEnv(policy.path),
    serverUrl: service.url,
  });
});

afterAll(async () => {
  await shell?.stop();
  await service?.cleanup();
  for (const dir of dirs) dir.remove();
});

const names = (socket: ShellSocket) => socket.snapshot.map((m) => m.name);

describe('the state a page is sent before ready', () => {
  it('signed out: the account (none), the connection and the settings', async () => {
    const socket = await ShellSocket.ready(shell.origin, shell.key);
    expect(names(socket)).toEqual(['account', 'connection', 'settings']);
    expect(socket.snapshot[0]).toEqual({ type: 'event', name: 'account', payload: null });
    socket.close();
  });

  it('signed in: also the sync, the directory, and that every row may have changed', async () => {
    const first = await ShellSocket.ready(shell.origin, shell.key);
    const signedIn = await first.invoke(1, 'account.signIn', ADMIN);
    expect(signedIn).toMatchObject({ ok: true, value: { agent: { email: ADMIN.email } } });
    first.close();

    // The tab's socket was down while the settings changed elsewhere (another tab, a policy).
    const other = await ShellSocket.ready(shell.origin, shell.key);
    expect(await other.invoke(2, 'settings.update', { theme: 'dark' })).toMatchObject({ ok: true });
    other.close();

    const again = await ShellSocket.ready(shell.origin, shell.key);
    expect(names(again)).toEqual(['account', 'connection', 'settings', 'sync', 'directory', 'requests']);
    const byName = Object.fromEntries(again.snapshot.map((m) => [m.name, m.payload]));
    expect(byName['account']).toMatchObject({ agent: { email: ADMIN.email } });
    expect(byName['settings']).toMatchObject({ values: { theme: 'dark' } });
    expect(byName['directory']).toMatchObject({ channels: expect.any(Array), agents: expect.any(Array) });
    expect(byName['requests']).toEqual({ ids: [], all: true });
    // And `messages` starts at ready: commands are answered after the state, never before.
    expect(again.messages[0]).toEqual({ type: 'ready' });
    again.close();
  });
});
