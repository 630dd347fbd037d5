/**
 * The Launcher with the desktop's NodeProcessStarter and real processes: a recorder program
 * (tests/main/handoff/recorder.ts) stands in for the remote-control client, as the custom command and as
 * a built-in client's path, and records the argument list the OS gave it. Nothing of the project is
 * mocked; URIs go to an openUri that notes them, files to a FileSaver that keeps them (as a download).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { RemoteClientId } from '@shared/ipc/settings';
import { planLaunch, type LaunchSettings, type RemoteEndpoint } from '../../../main/core/handoff/launch-plan';
import { Launcher, type LaunchResult } from '../../../main/core/handoff/launcher';
import { NodeProcessStarter } from '../../../main/core/handoff/node/process-starter';
import { keptFiles } from './kept-files';
import { recorderDir, type RecorderDir } from './recorder';

// Skips say why, so a run on such a machine reports what it did not test.
const ON_WINDOWS = process.platform === 'win32';
const VNC_INSTALLED = ['/usr/bin/vncviewer', '/usr/bin/xtigervncviewer'].some(existsSync);
const RUSTDESK_INSTALLED = existsSync('/usr/bin/rustdesk');
if (ON_WINDOWS)
  console.log(
    '[handoff tests] process tests skipped: the recorder is a #! script, which Windows does not run',
  );
if (VNC_INSTALLED)
  console.log('[handoff tests] "VNC viewer not found" skipped: a VNC viewer is installed here');
if (RUSTDESK_INSTALLED)
  console.log('[handoff tests] "RustDesk not found" skipped: RustDesk is installed here');

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const NO_SETTINGS: LaunchSettings = { remoteClientPath: '', customCommand: '' };

let rec: RecorderDir;
let recorder: string;

beforeAll(() => {
  rec = recorderDir();
  recorder = rec.install('bin/recorder');
});
afterAll(() => rec.remove());

/** What Connect does: plan, then launch only what was planned. */
async function connect(
  client: RemoteClientId,
  settings: Partial<LaunchSettings>,
  endpoint: RemoteEndpoint,
  launcher: Launcher,
): Promise<LaunchResult | { ok: false; error: { code: string; message: string }; planned: false }> {
  const planned = planLaunch(client, { ...NO_SETTINGS, ...settings }, endpoint, 'linux');
  if (!planned.ok) return { ...planned, planned: false };
  return launcher.launch(planned.plan, planned.client);
}

function launcherWith(env: Record<string, string | undefined>, opened: string[] = []): Launcher {
  return new Launcher({
    processes: new NodeProcessStarter({ platform: 'linux', env }),
    files: keptFiles().saver,
    openUri: (uri) => {
      opened.push(uri);
      return Promise.resolve();
    },
  });
}

function processHandle(result: Awaited<ReturnType<typeof connect>>) {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  if (result.handle.kind !== 'process') throw new Error('expected a process');
  return result.handle;
}

/** A fresh record file per test, so each sees only its own runs. */
function freshRecorder(): RecorderDir {
  const own = recorderDir();
  onTestFinished(() => own.remove());
  return own;
}

describe.skipIf(ON_WINDOWS)('Launcher, process hand-off', () => {
  it('passes the custom command’s arguments literally, with no shell in between', async () => {
    const r = freshRecorder();
    const command = `${recorder} --id {remoteId} "two words" 'it''s' "say \\"hi\\"" '$HOME' $HOME ';' a;b '|' '&&' \`id\` '$(id)' ~ * '' --host={host}`;
    const result = await connect(
      'custom',
      { customCommand: command },
      { remote: 'pc.example.com:5900' },
      launcherWith(r.env()),
    );
    const handle = processHandle(result);
    expect(await handle.exited).toEqual({ code: 0, signal: null });
    expect(r.runs()).toEqual([
      [
        '--id',
        'pc.example.com:5900',
        'two words',
        'its',
        'say "hi"',
        '$HOME',
        '$HOME',
        ';',
        'a;b',
        '|',
        '&&',
        '`id`',
        '$(id)',
        '~',
        '*',
        '',
        '--host=pc.example.com',
      ],
    ]);
    expect(handle.command).toBe(recorder);
  });

  it('runs a built-in client from its path setting with the client’s own arguments', async () => {
    const r = freshRecorder();
    const launcher = launcherWith(r.env());
    const cases: [RemoteClientId, RemoteEndpoint, string[]][] = [
      ['rustdesk', { remote: '123 456 789' }, ['--connect', '123456789']],
      [
        'rustdesk',
        { remote: '123456789', password: 'Pa55.word' },
        ['--connect', '123456789', '--password', 'Pa55.word'],
      ],
      ['anydesk', { remote: 'support@ad' }, ['support@ad']],
      ['teamviewer', { remote: '1 234 567 890' }, ['-i', '1234567890']],
      ['vnc', { remote: 'pc.example.com:1' }, ['pc.example.com::5901']],
      ['rdp', { remote: '[2001:db8::5]' }, ['/v:[2001:db8::5]:3389']],
    ];
    for (const [client, endpoint] of cases) {
      const handle = processHandle(await connect(client, { remoteClientPath: recorder }, endpoint, launcher));
      expect(await handle.exited).toEqual({ code: 0, signal: null });
    }
    expect(r.runs()).toEqual(cases.map(([, , args]) => args));
  });

  it('finds a bare name on PATH', async () => {
    const r = freshRecorder();
    const bin = join(r.dir, 'path-bin');
    r.install('path-bin/myviewer');
    const handle = processHandle(
      await connect(
        'custom',
        { customCommand: 'myviewer {remoteId}' },
        { remote: '123456789' },
        launcherWith(r.env({}, [bin])),
      ),
    );
    expect(handle.command).toBe(join(bin, 'myviewer'));
    await handle.exited;
    expect(r.runs()).toEqual([['123456789']]);
  });

  it.skipIf(VNC_INSTALLED)('falls back from the usual places to the client’s name on PATH', async () => {
    const r = freshRecorder();
    const bin = join(r.dir, 'path-bin');
    r.install('path-bin/vncviewer');
    const handle = processHandle(
      await connect('vnc', {}, { remote: '[::1]:7' }, launcherWith(r.env({}, [bin]))),
    );
    expect(handle.command).toBe(join(bin, 'vncviewer'));
    await handle.exited;
    expect(r.runs()).toEqual([['[::1]::5907']]);
  });

  it('reports the exit code, and waits for a client that keeps running', async () => {
    const r = freshRecorder();
    const done = join(r.dir, 'session-over');
    const launcher = launcherWith(
      r.env({ SESSIONDESK_RECORD_EXIT_CODE: '3', SESSIONDESK_RECORD_WAIT_FOR: done }),
    );
    const handle = processHandle(
      await connect('rustdesk', { remoteClientPath: recorder }, { remote: '123456789' }, launcher),
    );
    expect(handle.pid).toBeGreaterThan(0);
    const early = await Promise.race([
      handle.exited,
      new Promise((resolve) => setTimeout(() => resolve('running'), 300)),
    ]);
    expect(early).toBe('running');
    expect(() => process.kill(handle.pid, 0)).not.toThrow();
    writeFileSync(done, '');
    expect(await handle.exited).toEqual({ code: 3, signal: null });
  });

  it('reports a client killed by a signal', async () => {
    const r = freshRecorder();
    const launcher = launcherWith(r.env({ SESSIONDESK_RECORD_WAIT_FOR: join(r.dir, 'never') }));
    const handle = processHandle(
      await connect('anydesk', { remoteClientPath: recorder }, { remote: '123456789' }, launcher),
    );
    // Wait until it has recorded (it is running its loop), then end it.
    while (r.runs().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    process.kill(handle.pid, 'SIGTERM');
    expect(await handle.exited).toEqual({ code: null, signal: 'SIGTERM' });
  });
});

describe.skipIf(ON_WINDOWS)('Launcher, refusals', () => {
  it('refuses an invalid remote ID before anything runs', async () => {
    const r = freshRecorder();
    const launcher = launcherWith(r.env());
    for (const remote of ['--help', '123456789; rm -rf ~', '$(id)', '`id`', '12345678|x']) {
      const result = await connect('rustdesk', { remoteClientPath: recorder }, { remote }, launcher);
      expect(result).toMatchObject({ ok: false, planned: false, error: { code: 'invalid_remote_id' } });
    }
    for (const remote of ['-x', 'a;b', '$HOME']) {
      const result = await connect(
        'custom',
        { customCommand: `${recorder} {remoteId}` },
        { remote },
        launcher,
      );
      expect(result).toMatchObject({ ok: false, planned: false, error: { code: 'invalid_remote_id' } });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(existsSync(r.recordFile)).toBe(false);
  });

  it('names the client and the setting when the program is missing', async () => {
    const r = freshRecorder();
    const launcher = launcherWith(r.env());
    const missing = join(r.dir, 'no', 'rustdesk');
    expect(
      await connect('rustdesk', { remoteClientPath: missing }, { remote: '123456789' }, launcher),
    ).toEqual({
      ok: false,
      error: {
        code: 'client_not_found',
        message: `RustDesk was not found at ${missing}. Install RustDesk or correct its path in Settings → Remote-control client.`,
      },
    });
    expect(
      await connect(
        'custom',
        { customCommand: 'sessiondesk-no-such-viewer {remoteId}' },
        { remote: '123456789' },
        launcher,
      ),
    ).toEqual({
      ok: false,
      error: {
        code: 'client_not_found',
        message:
          'Custom command: its program was not found as sessiondesk-no-such-viewer on PATH. Install it or correct the custom command in Settings → Remote-control client.',
      },
    });
    expect(
      await connect('custom', { customCommand: 'bin/viewer {remoteId}' }, { remote: '123456789' }, launcher),
    ).toMatchObject({
      ok: false,
      error: { code: 'client_not_found', message: expect.stringContaining('bin/viewer is not a full path') },
    });
  });

  it.skipIf(RUSTDESK_INSTALLED)('lists the usual places it looked', async () => {
    const r = freshRecorder();
    expect(
      await connect('rustdesk', {}, { remote: '123456789' }, launcherWith(r.env({}, [join(r.dir, 'empty')]))),
    ).toEqual({
      ok: false,
      error: {
        code: 'client_not_found',
        message:
          'RustDesk was not found at /usr/bin/rustdesk or as rustdesk on PATH. Install RustDesk or set its path in Settings → Remote-control client.',
      },
    });
  });

  it('refuses a folder and a file that may not be executed', async () => {
    const r = freshRecorder();
    const launcher = launcherWith(r.env());
    const folder = join(r.dir, 'RustDesk');
    mkdirSync(folder);
    expect(
      await connect('rustdesk', { remoteClientPath: folder }, { remote: '123456789' }, launcher),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'client_not_found',
        message: expect.stringContaining(`${folder} is a folder, not a program`),
      },
    });
    const plain = r.install('plain-file', { mode: 0o644 });
    expect(
      await connect('rustdesk', { remoteClientPath: plain }, { remote: '123456789' }, launcher),
    ).toMatchObject({
      ok: false,
      error: { code: 'launch_failed', message: expect.stringContaining(`${plain} is not executable`) },
    });
    expect(existsSync(r.recordFile)).toBe(false);
  });

  it('reports a program that cannot start as a result, not a throw', async () => {
    const r = freshRecorder();
    // The file exists and may be executed, but the interpreter its first line names does not.
    const broken = r.install('broken', { script: '#!/nonexistent/interpreter\n' });
    expect(
      await connect('rustdesk', { remoteClientPath: broken }, { remote: '123456789' }, launcherWith(r.env())),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'client_not_found',
        message: expect.stringContaining(`RustDesk could not be started from ${broken}`),
      },
    });
  });
});

describe('Launcher, URI hand-off', () => {
  const darwin = (opened: string[], fail = false) =>
    new Launcher({
      processes: new NodeProcessStarter({ platform: 'darwin', env: {} }),
      files: keptFiles().saver,
      openUri: (uri) => {
        opened.push(uri);
        return fail ? Promise.reject(new Error('no handler for the scheme')) : Promise.resolve();
      },
    });

  it('hands the encoded URI to openUri and returns no exit to wait for', async () => {
    const opened: string[] = [];
    const launcher = darwin(opened);
    for (const [client, remote] of [
      ['vnc', 'pc.example.com:2'],
      ['teamviewer', '123 456 789'],
      ['rdp', '[2001:db8::5]:3390'],
    ] as const) {
      const planned = planLaunch(client, NO_SETTINGS, { remote }, 'darwin');
      if (!planned.ok) throw new Error(planned.error.message);
      const result = await launcher.launch(planned.plan, planned.client);
      expect(result).toEqual({ ok: true, handle: { kind: 'uri', uri: opened.at(-1) } });
    }
    const planned = planLaunch(
      'custom',
      { ...NO_SETTINGS, customCommand: 'rustdesk://connect/{remoteId}?password={password}' },
      { remote: '123456789@rd.example.com', password: 'a/b+c' },
      'darwin',
    );
    if (!planned.ok) throw new Error(planned.error.message);
    await launcher.launch(planned.plan, planned.client);
    expect(opened).toEqual([
      'vnc://pc.example.com:5902',
      'teamviewer10://control?device=123456789',
      'rdp://full%20address=s:[2001:db8::5]:3390',
      'rustdesk://connect/123456789@rd.example.com?password=a%2Fb%2Bc',
    ]);
  });

  it('opens no URI whose scheme is not allowed, whatever plan it is given', async () => {
    const opened: string[] = [];
    const planned = planLaunch(
      'custom',
      { ...NO_SETTINGS, customCommand: 'https://evil.example/{remoteId}' },
      { remote: '1' },
      'darwin',
    );
    expect(planned).toMatchObject({ ok: false, error: { code: 'scheme_not_allowed' } });
    for (const uri of [
      'https://evil.example/',
      'file:///etc/passwd',
      'x-apple.systempreferences:',
      'no scheme',
    ]) {
      expect(await darwin(opened).launch({ kind: 'uri', uri }, 'Custom command')).toMatchObject({
        ok: false,
        error: { code: 'scheme_not_allowed' },
      });
    }
    expect(opened).toEqual([]);
  });

  it('reports a URI the OS could not open', async () => {
    expect(await darwin([], true).launch({ kind: 'uri', uri: 'vnc://pc:5900' }, 'VNC viewer')).toEqual({
      ok: false,
      error: {
        code: 'launch_failed',
        message:
          'VNC viewer could not be opened by its vnc: link (no handler for the scheme). Install VNC viewer, or choose another client in Settings → Remote-control client.',
      },
    });
  });
});

describe.skipIf(ON_WINDOWS)('Launcher and the life of the app', () => {
  it('does not keep Node running for the client, yet the client outlives it', async () => {
    const r = freshRecorder();
    const done = join(r.dir, 'session-over');
    const probe = join(ROOT, 'tests/main/handoff/fixtures/launch-and-return.ts');
    const started = Date.now();
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        join(ROOT, 'node_modules/.bin/tsx'),
        ['--tsconfig', 'main/tsconfig.json', probe, recorder],
        {
          cwd: ROOT,
          env: {
            ...r.env({ SESSIONDESK_RECORD_WAIT_FOR: done }),
            PATH: `${join(ROOT, 'node_modules/.bin')}:${r.env().PATH}`,
          },
          timeout: 8_000,
        },
        (error, stdout) =>
          error === null ? resolve(stdout) : reject(new Error(error.message, { cause: error })),
      );
    });
    // The Node process that launched it has ended while the client still waits for its file.
    const { pid } = JSON.parse(output) as { pid: number };
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(() => process.kill(pid, 0)).not.toThrow();
    writeFileSync(done, '');
    while (!existsSync(`${done}.seen`)) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(r.runs()).toEqual([['--connect', '123456789']]);
  });
});
