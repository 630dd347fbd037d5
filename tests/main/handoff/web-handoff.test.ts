/**
 * Connect in the web console (`hostKind: 'web'`, no ProcessStarter): every built-in client opens by its
 * link scheme on every OS, Remote Desktop by an `.rdp` file offered through the FileSaver, and a custom
 * command line is refused with needs_desktop_app before anything is tried. Also the pure parts this
 * needs: rdpFile, the IPv6 check without node:net, which clients a host can use, and Connect's refusal.
 */
import { isIPv6 as nodeIsIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chosenClientRefusal } from '@shared/ipc/handoff';
import { DEFAULT_SETTINGS, REMOTE_CLIENT_IDS, type RemoteClientId } from '@shared/ipc/settings';
import { planLaunch, type LaunchSettings, type PlanResult } from '../../../main/core/handoff/launch-plan';
import { Launcher } from '../../../main/core/handoff/launcher';
import { rdpFile, rdpSaveRequest } from '../../../main/core/handoff/rdp-file';
import { isIPv6 } from '../../../main/core/handoff/values';
import type { HandoffOs } from '../../../main/core/platform/host';
import { remoteClientSummaries } from '../../../main/core/settings/remote-clients';
import { keptFiles } from './kept-files';

const NO_SETTINGS: LaunchSettings = { remoteClientPath: '', customCommand: '' };
const OSES: readonly HandoffOs[] = ['win32', 'darwin', 'linux'];

function webPlan(
  client: RemoteClientId,
  remote: string,
  os: HandoffOs = 'win32',
  settings: Partial<LaunchSettings> = {},
  password?: string,
): PlanResult {
  return planLaunch(client, { ...NO_SETTINGS, ...settings }, { remote, password }, os, 'web');
}

function webLauncher(opened: string[], files = keptFiles()): Launcher {
  return new Launcher({
    processes: null,
    files: files.saver,
    openUri: (uri) => {
      opened.push(uri);
      return Promise.resolve();
    },
  });
}

describe('planning in the web console', () => {
  it.each(OSES)('opens every built-in client but Remote Desktop by its link on %s', (os) => {
    expect(webPlan('rustdesk', '123 456 789', os)).toMatchObject({
      ok: true,
      plan: { kind: 'uri', uri: 'rustdesk://connect/123456789' },
    });
    expect(webPlan('anydesk', '123-456-789', os)).toMatchObject({
      plan: { kind: 'uri', uri: 'anydesk:123456789' },
    });
    expect(webPlan('teamviewer', '1 234 567 890', os)).toMatchObject({
      plan: { kind: 'uri', uri: 'teamviewer10://control?device=1234567890' },
    });
    expect(webPlan('vnc', 'pc.example.com:1', os)).toMatchObject({
      plan: { kind: 'uri', uri: 'vnc://pc.example.com:5901' },
    });
  });

  it('ignores the path setting, which means nothing where no program starts', () => {
    expect(webPlan('rustdesk', '123456789', 'linux', { remoteClientPath: '/opt/rustdesk' })).toMatchObject({
      plan: { kind: 'uri', uri: 'rustdesk://connect/123456789' },
    });
  });

  it('puts a password in the link only where the desktop would (RustDesk)', () => {
    expect(webPlan('rustdesk', '123456789', 'linux', {}, 'pa/ss')).toMatchObject({
      plan: { uri: 'rustdesk://connect/123456789?password=pa%2Fss' },
    });
    expect(webPlan('teamviewer', '123456789', 'linux', {}, 'secret')).toMatchObject({
      plan: { uri: 'teamviewer10://control?device=123456789' },
    });
  });

  it.each(OSES)('gives Remote Desktop an .rdp file on %s', (os) => {
    expect(webPlan('rdp', '[2001:db8::5]:3390', os)).toEqual({
      ok: true,
      client: 'Remote Desktop (RDP)',
      plan: {
        kind: 'file',
        file: {
          request: {
            defaultName: '2001-db8-5.rdp',
            filterName: 'Remote Desktop (RDP)',
            extension: 'rdp',
            mediaType: 'application/x-rdp',
          },
          text: rdpFile({ host: '[2001:db8::5]', port: 3390 }),
        },
      },
    });
  });

  it('still refuses a remote ID the client would not take', () => {
    expect(webPlan('rdp', 'pc;rm -rf')).toMatchObject({ ok: false, error: { code: 'invalid_remote_id' } });
    expect(webPlan('rustdesk', '-x')).toMatchObject({ ok: false, error: { code: 'invalid_remote_id' } });
  });

  it('refuses a custom command line with needs_desktop_app, and opens a custom link', () => {
    const line = webPlan('custom', '123456789', 'win32', {
      customCommand: 'C:\\Tools\\viewer.exe {remoteId}',
    });
    expect(line).toMatchObject({ ok: false, error: { code: 'needs_desktop_app' } });
    const link = webPlan('custom', '123456789', 'linux', { customCommand: 'rustdesk://connect/{remoteId}' });
    expect(link).toMatchObject({ ok: true, plan: { kind: 'uri', uri: 'rustdesk://connect/123456789' } });
    expect(webPlan('custom', '1', 'linux', { customCommand: 'https://x.example/{remoteId}' })).toMatchObject({
      ok: false,
      error: { code: 'scheme_not_allowed' },
    });
  });

  it('plans the same as before on a desktop', () => {
    expect(planLaunch('rdp', NO_SETTINGS, { remote: 'pc' }, 'linux', 'desktop')).toMatchObject({
      plan: { kind: 'process', command: '/usr/bin/xfreerdp3', args: ['/v:pc:3389'] },
    });
  });
});

describe('launching in the web console', () => {
  it('opens links and starts nothing', async () => {
    const opened: string[] = [];
    const planned = webPlan('vnc', '192.168.1.20::5901', 'linux');
    if (!planned.ok) throw new Error(planned.error.message);
    expect(await webLauncher(opened).launch(planned.plan, planned.client)).toEqual({
      ok: true,
      handle: { kind: 'uri', uri: 'vnc://192.168.1.20:5901' },
    });
    expect(opened).toEqual(['vnc://192.168.1.20:5901']);
  });

  it('offers the .rdp file through the FileSaver, with nothing to watch', async () => {
    const files = keptFiles();
    const planned = webPlan('rdp', 'pc.example.com');
    if (!planned.ok) throw new Error(planned.error.message);
    const opened: string[] = [];
    expect(await webLauncher(opened, files).launch(planned.plan, planned.client)).toEqual({
      ok: true,
      handle: { kind: 'file', savedAs: 'pc.example.com.rdp' },
    });
    expect(opened).toEqual([]);
    expect(files.files).toEqual([
      {
        request: {
          defaultName: 'pc.example.com.rdp',
          filterName: 'Remote Desktop (RDP)',
          extension: 'rdp',
          mediaType: 'application/x-rdp',
        },
        text: rdpFile({ host: 'pc.example.com', port: 3389 }),
      },
    ]);
  });

  it('says a file that was not saved did not open', async () => {
    const planned = webPlan('rdp', 'pc');
    if (!planned.ok) throw new Error(planned.error.message);
    expect(await webLauncher([], keptFiles({ cancel: true })).launch(planned.plan, planned.client)).toEqual({
      ok: false,
      error: { code: 'launch_failed', message: 'Remote Desktop (RDP): pc.rdp was not saved.' },
    });
  });

  it('refuses a program plan, whoever made it, with needs_desktop_app', async () => {
    const plan = {
      kind: 'process',
      command: '/usr/bin/true',
      args: [],
      fallbacks: [],
      source: 'default',
    } as const;
    expect(await webLauncher([]).launch(plan, 'RustDesk')).toMatchObject({
      ok: false,
      error: { code: 'needs_desktop_app' },
    });
  });
});

describe('rdpFile', () => {
  it('writes the usual settings as CRLF lines', () => {
    expect(rdpFile({ host: 'pc.example.com', port: null })).toBe(
      [
        'full address:s:pc.example.com:3389',
        'prompt for credentials:i:1',
        'screen mode id:i:2',
        'use multimon:i:0',
        'session bpp:i:32',
        'authentication level:i:2',
        'autoreconnection enabled:i:1',
        'redirectclipboard:i:1',
        'audiomode:i:2',
        '',
      ].join('\r\n'),
    );
    expect(rdpFile({ host: '[2001:db8::5]', port: 3390 }, { fullScreen: false })).toMatch(
      /^full address:s:\[2001:db8::5\]:3390\r\n.*screen mode id:i:1\r\n/s,
    );
  });

  it('has no bare LF and one setting per line', () => {
    const text = rdpFile({ host: '10.0.0.1', port: 3391 });
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n').slice(0, -1)) expect(line).toMatch(/^[a-z ]+:[si]:\S+$/);
  });

  it('names the file after the host, safely', () => {
    expect(rdpSaveRequest({ host: '[::1]', port: null }, 'RDP').defaultName).toBe('1.rdp');
    expect(rdpSaveRequest({ host: '[::]', port: null }, 'RDP').defaultName).toBe('remote-desktop.rdp');
  });
});

describe('isIPv6 without node:net', () => {
  const fixed = [
    '::',
    '::1',
    '1::',
    '1:2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7::',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '2001:db8::5',
    '::ffff:1.2.3.4',
    '1.2.3.4::',
    '1:2:3:4:5:6:1.2.3.4',
    '1:2:3:4:5:6:7:1.2.3.4',
    '::01.2.3.4',
    '12345::',
    'g::',
    '1:2:3:4:5:6:7',
    '',
    ':1::2',
    '1::2:',
    '1:::2',
  ];

  it.each(fixed)('agrees with node:net on %j', (text) => {
    expect(isIPv6(text)).toBe(nodeIsIPv6(text));
  });

  it('agrees with node:net on generated addresses and near-misses', () => {
    const group = fc.stringMatching(/^[0-9a-fA-F]{1,5}$/);
    const address = fc
      .tuple(fc.array(group, { minLength: 0, maxLength: 9 }), fc.boolean(), fc.integer({ min: 0, max: 9 }))
      .map(([groups, compress, at]) => {
        if (!compress) return groups.join(':');
        const cut = Math.min(at, groups.length);
        return `${groups.slice(0, cut).join(':')}::${groups.slice(cut).join(':')}`;
      });
    fc.assert(fc.property(address, (text) => isIPv6(text) === nodeIsIPv6(text)));
  });
});

describe('which clients a host can use', () => {
  it('has every client on a desktop, with the path setting', () => {
    const summaries = remoteClientSummaries(REMOTE_CLIENT_IDS, 'desktop', {
      customCommand: 'viewer {remoteId}',
    });
    expect(summaries.every((s) => s.available)).toBe(true);
    expect(summaries.find((s) => s.id === 'rustdesk')?.usesExecutable).toBe(true);
  });

  it('has no custom command line in the web console, and no path setting for anyone', () => {
    const line = remoteClientSummaries(REMOTE_CLIENT_IDS, 'web', {
      customCommand: '/usr/bin/viewer {remoteId}',
    });
    expect(line.filter((s) => !s.available).map((s) => s.id)).toEqual(['custom']);
    expect(line.some((s) => s.usesExecutable)).toBe(false);
    const link = remoteClientSummaries(['custom'], 'web', { customCommand: 'vnc://{host}:{port}' });
    expect(link[0]?.available).toBe(true);
  });

  it('disables Connect with needs_desktop_app when the chosen client is unavailable here', () => {
    const view = (remoteClient: RemoteClientId, customCommand: string) => ({
      values: { ...DEFAULT_SETTINGS, remoteClient, customCommand },
      remoteClients: remoteClientSummaries(REMOTE_CLIENT_IDS, 'web', { customCommand }),
    });
    expect(chosenClientRefusal(view('custom', 'viewer {remoteId}'))).toEqual({
      code: 'needs_desktop_app',
      message: expect.stringContaining('Custom command can only be started by a program on your computer'),
      params: { client: 'Custom command' },
    });
    expect(chosenClientRefusal(view('custom', 'anydesk:{remoteId}'))).toBeNull();
    expect(chosenClientRefusal(view('rdp', 'viewer {remoteId}'))).toBeNull();
  });
});
