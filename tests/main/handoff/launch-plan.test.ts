/**
 * planLaunch: each client's argument list or URI per OS, the values each accepts and refuses (before
 * anything could run), percent-encoding, the custom command and URI, and the stable error codes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REMOTE_CLIENT_IDS, type RemoteClientId } from '@shared/ipc/settings';
import { planLaunch, type LaunchPlan, type PlanResult } from '../../../main/core/handoff/launch-plan';
import type { HandoffOs } from '../../../main/core/platform/host';
import { clientSummary, CUSTOM_URI_SCHEMES, PROFILES } from '../../../main/core/handoff/profiles';
import { parseTemplate, placeholdersOf, schemeOf } from '../../../main/core/handoff/template';
import { quoteArgument } from '../../../main/core/handoff/tokenize';

const NO_SETTINGS = { remoteClientPath: '', customCommand: '' };

function plan(
  client: RemoteClientId,
  remote: string | null,
  platform: HandoffOs = 'linux',
  settings: Partial<typeof NO_SETTINGS> = {},
  password?: string,
): LaunchPlan {
  const result = planLaunch(client, { ...NO_SETTINGS, ...settings }, { remote, password }, platform);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.plan;
}

function refusal(result: PlanResult): { code: string; message: string } {
  if (result.ok) throw new Error(`planned ${JSON.stringify(result.plan)}`);
  return result.error;
}

describe('built-in clients by default', () => {
  it.each([
    ['rustdesk', '123 456 789', 'linux', '/usr/bin/rustdesk', ['--connect', '123456789'], ['rustdesk']],
    [
      'rustdesk',
      '123456789',
      'win32',
      'C:\\Program Files\\RustDesk\\rustdesk.exe',
      ['--connect', '123456789'],
      ['rustdesk.exe'],
    ],
    [
      'rustdesk',
      '123456789',
      'darwin',
      '/Applications/RustDesk.app/Contents/MacOS/RustDesk',
      ['--connect', '123456789'],
      ['rustdesk'],
    ],
    ['anydesk', '123-456-789', 'linux', '/usr/bin/anydesk', ['123456789'], ['anydesk']],
    [
      'anydesk',
      'support@ad',
      'win32',
      'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe',
      ['support@ad'],
      ['C:\\Program Files\\AnyDesk\\AnyDesk.exe', 'AnyDesk.exe'],
    ],
    [
      'teamviewer',
      '1 234 567 890',
      'win32',
      'C:\\Program Files\\TeamViewer\\TeamViewer.exe',
      ['-i', '1234567890'],
      ['C:\\Program Files (x86)\\TeamViewer\\TeamViewer.exe', 'TeamViewer.exe'],
    ],
    [
      'teamviewer',
      '123456789',
      'linux',
      '/usr/bin/teamviewer',
      ['-i', '123456789'],
      ['/opt/teamviewer/tv_bin/script/teamviewer', 'teamviewer'],
    ],
    [
      'vnc',
      'pc.example.com:1',
      'linux',
      '/usr/bin/vncviewer',
      ['pc.example.com::5901'],
      ['/usr/bin/xtigervncviewer', 'vncviewer'],
    ],
    [
      'vnc',
      '10.0.0.7',
      'win32',
      'C:\\Program Files\\TigerVNC\\vncviewer.exe',
      ['10.0.0.7::5900'],
      [
        'C:\\Program Files\\RealVNC\\VNC Viewer\\vncviewer.exe',
        'C:\\Program Files\\TightVNC\\tvnviewer.exe',
        'vncviewer.exe',
      ],
    ],
    [
      'rdp',
      '[2001:db8::5]:3390',
      'linux',
      '/usr/bin/xfreerdp3',
      ['/v:[2001:db8::5]:3390'],
      ['/usr/bin/xfreerdp', 'xfreerdp3', 'xfreerdp'],
    ],
    [
      'rdp',
      'pc.example.com',
      'win32',
      'C:\\Windows\\System32\\mstsc.exe',
      ['/v:pc.example.com:3389'],
      ['mstsc.exe'],
    ],
  ] as const)('%s %j on %s', (client, remote, platform, command, args, fallbacks) => {
    expect(plan(client, remote, platform)).toEqual({
      kind: 'process',
      command,
      args,
      fallbacks,
      source: 'default',
    });
  });

  it.each([
    ['teamviewer', '123 456 789', 'teamviewer10://control?device=123456789'],
    ['vnc', 'pc.example.com', 'vnc://pc.example.com:5900'],
    ['vnc', 'pc.example.com::5999', 'vnc://pc.example.com:5999'],
    ['vnc', '[2001:db8::5]:2', 'vnc://[2001:db8::5]:5902'],
    ['rdp', '192.168.1.20', 'rdp://full%20address=s:192.168.1.20:3389'],
    ['rdp', 'pc.example.com:3390', 'rdp://full%20address=s:pc.example.com:3390'],
  ] as const)('%s %j on macOS is the URI %s', (client, remote, uri) => {
    expect(plan(client, remote, 'darwin')).toEqual({ kind: 'uri', uri });
  });

  it('names the client it plans for', () => {
    const names = REMOTE_CLIENT_IDS.map((id) => PROFILES[id].name);
    expect(names).toEqual([
      'RustDesk',
      'AnyDesk',
      'TeamViewer',
      'VNC viewer',
      'Remote Desktop (RDP)',
      'Custom command',
    ]);
    const result = planLaunch('vnc', NO_SETTINGS, { remote: 'pc' }, 'linux');
    expect(result.ok && result.client).toBe('VNC viewer');
  });

  it('passes a password where the client takes one on its command line, and only there', () => {
    expect(plan('rustdesk', '123456789', 'linux', {}, 'Secret.1')).toMatchObject({
      args: ['--connect', '123456789', '--password', 'Secret.1'],
    });
    expect(plan('teamviewer', '123456789', 'win32', {}, 'Secret.1')).toMatchObject({
      args: ['-i', '123456789', '--Password', 'Secret.1'],
    });
    expect(plan('anydesk', '123456789', 'linux', {}, 'Secret.1')).toMatchObject({ args: ['123456789'] });
    // Not in the URI: the OS hands it to handlers Sessiondesk does not control.
    expect(plan('teamviewer', '123456789', 'darwin', {}, 'Secret.1')).toEqual({
      kind: 'uri',
      uri: 'teamviewer10://control?device=123456789',
    });
  });

  it('says which clients use the path setting on each OS', () => {
    expect(clientSummary('rustdesk', 'darwin')).toEqual({
      id: 'rustdesk',
      name: 'RustDesk',
      usesExecutable: true,
      available: true,
    });
    expect(clientSummary('vnc', 'darwin').usesExecutable).toBe(false);
    expect(clientSummary('vnc', 'linux').usesExecutable).toBe(true);
    expect(clientSummary('custom', 'linux').usesExecutable).toBe(false);
  });
});

describe('the profiles', () => {
  it.each(REMOTE_CLIENT_IDS.filter((id) => id !== 'custom'))(
    '%s: every template parses, uses only placeholders it has a rule for, and its URI its own scheme',
    (id) => {
      const profile = PROFILES[id];
      if (profile.source !== 'built-in') throw new Error('expected a built-in profile');
      const templates = [
        ...profile.executable.args,
        ...(profile.executable.passwordArgs ?? []),
        profile.uri.template,
        ...(profile.uri.templateWithPassword === null ? [] : [profile.uri.templateWithPassword]),
      ];
      for (const template of templates) {
        const parsed = parseTemplate(template);
        if (!parsed.ok) throw new Error(parsed.message);
        for (const name of placeholdersOf(parsed.parts))
          expect(profile.placeholders[name], `${id} {${name}}`).toBeDefined();
      }
      for (const uri of [profile.uri.template, profile.uri.templateWithPassword]) {
        if (uri !== null) expect(profile.schemes).toContain(schemeOf(uri));
      }
    },
  );
});

describe('the path setting', () => {
  it('is always the program, even where the default is a URI', () => {
    expect(plan('vnc', 'pc:3', 'darwin', { remoteClientPath: ' /opt/homebrew/bin/vncviewer ' })).toEqual({
      kind: 'process',
      command: '/opt/homebrew/bin/vncviewer',
      args: ['pc::5903'],
      fallbacks: [],
      source: 'path-setting',
    });
  });

  it('may name a macOS app bundle', () => {
    expect(
      plan('rustdesk', '123456789', 'darwin', { remoteClientPath: '/Applications/RustDesk.app/' }),
    ).toMatchObject({
      command: '/Applications/RustDesk.app/Contents/MacOS/RustDesk',
    });
    expect(plan('rustdesk', '123456789', 'linux', { remoteClientPath: '/opt/RustDesk.app' })).toMatchObject({
      command: '/opt/RustDesk.app',
    });
  });
});

describe('remote IDs', () => {
  it.each([
    [
      'rustdesk',
      ['123456789', '1234567890', 'my_pc-01', 'Office01@rd.example.com', '123456789@10.0.0.1:21116'],
    ],
    ['anydesk', ['123456789', '1234567890', 'support@ad', 'front.desk@acme']],
    ['teamviewer', ['123456789', '1234567890']],
    [
      'vnc',
      [
        'pc',
        'pc.example.com',
        'pc:0',
        'pc:99',
        'pc:5901',
        'pc::5901',
        '192.168.1.20',
        '[::1]',
        '[2001:db8::5]::5900',
      ],
    ],
    ['rdp', ['pc', 'pc.example.com:3389', '10.0.0.1:65535', '[fe80::1]:3390']],
    ['custom', ['123456789', 'pc.example.com:5900', 'name@ad', '[::1]:22']],
  ] as const)('%s accepts %j', (client, remotes) => {
    for (const remote of remotes) {
      const result = planLaunch(
        client,
        { ...NO_SETTINGS, customCommand: 'viewer {remoteId}' },
        { remote },
        'linux',
      );
      expect(result.ok, `${client} ${remote}`).toBe(true);
    }
  });

  const HOSTILE = [
    '-oProxyCommand=x',
    '--help',
    '$(id)',
    '`id`',
    'a;b',
    'a|b',
    'a&b',
    '>x',
    "a'b",
    'a"b',
    'a\\b',
    '%PATH%',
    '~root',
    '*',
    'a\u0000b',
  ];

  it.each([
    [
      'rustdesk',
      ['12345678', '12345678901', 'abcde', '1pc-name', 'ab@', '123456789@-x', '123456789@host:0', ...HOSTILE],
    ],
    ['anydesk', ['12345678', 'alias', '@ad', 'a@ad@ad', '-a@ad', ...HOSTILE]],
    ['teamviewer', ['12345678', '12345678901', 'abcdefghi', '123456789@x', ...HOSTILE]],
    [
      'vnc',
      [
        '-pc',
        'pc:',
        'pc:::1',
        'pc:65536',
        'pc::0',
        '::1',
        '[::1',
        '[zz::1]',
        '[fe80::1%eth0]',
        '256.1.1.1',
        '010.0.0.1',
        '3232235777',
        'pc_1',
        'pc..example',
        ...HOSTILE,
      ],
    ],
    ['rdp', ['pc::3389', 'pc:0', 'pc:70000', '::1', '1.2.3', ...HOSTILE]],
    ['custom', ['-x', ...HOSTILE, 'x'.repeat(65)]],
  ] as const)('%s refuses %j', (client, remotes) => {
    for (const remote of remotes) {
      const result = planLaunch(
        client,
        { ...NO_SETTINGS, customCommand: 'viewer {remoteId}' },
        { remote },
        'linux',
      );
      const error = refusal(result);
      expect(error.code, `${client} ${remote}`).toBe('invalid_remote_id');
    }
  });

  it('says what it expected, naming the client', () => {
    expect(refusal(planLaunch('rustdesk', NO_SETTINGS, { remote: '12 34' }, 'linux'))).toEqual({
      code: 'invalid_remote_id',
      message:
        '“1234” is not a valid RustDesk ID. RustDesk expects 9 or 10 digits (like 123 456 789) or a custom ID (6–16 letters, digits, _ or -, starting with a letter), optionally followed by @server.',
    });
    expect(refusal(planLaunch('rdp', NO_SETTINGS, { remote: 'pc::1' }, 'win32')).message).toContain(
      '“pc::1” is not a valid Remote Desktop address. Remote Desktop (RDP) expects a host name or IP address, optionally with :port',
    );
  });

  it('asks for the ID the end user has not entered yet', () => {
    for (const remote of [null, '', '   ']) {
      expect(refusal(planLaunch('rustdesk', NO_SETTINGS, { remote }, 'linux'))).toEqual({
        code: 'no_remote_id',
        message:
          'The end user has not entered their RustDesk ID yet. Ask them to enter it on the join page, then Connect again.',
      });
    }
    expect(refusal(planLaunch('vnc', NO_SETTINGS, { remote: null }, 'linux')).message).toContain(
      'The end user has not entered their VNC address yet.',
    );
  });

  it('refuses a password it could not pass on safely', () => {
    for (const password of ['-x', 'has space', 'a;b', '$(id)', 'x'.repeat(129)]) {
      expect(
        refusal(planLaunch('rustdesk', NO_SETTINGS, { remote: '123456789', password }, 'linux')).code,
      ).toBe('invalid_password');
    }
  });
});

describe('the custom command', () => {
  const custom = (customCommand: string, remote: string | null = '123456789', password?: string) =>
    planLaunch('custom', { remoteClientPath: '/ignored', customCommand }, { remote, password }, 'linux');

  it('is split into an argument list with placeholders in place, each inside its own element', () => {
    const result = custom(
      `/opt/viewer/bin/viewer --id={remoteId} 'host is {host}' "port {port}" --pw {password} {{literal}}`,
      'pc.example.com:5901',
      'pw',
    );
    expect(result).toEqual({
      ok: true,
      client: 'Custom command',
      plan: {
        kind: 'process',
        command: '/opt/viewer/bin/viewer',
        args: ['--id=pc.example.com:5901', 'host is pc.example.com', 'port 5901', '--pw', 'pw', '{literal}'],
        fallbacks: [],
        source: 'custom-command',
      },
    });
  });

  it('leaves {password} empty when the request has none', () => {
    expect(custom('viewer {remoteId} --password {password}')).toMatchObject({
      plan: { args: ['123456789', '--password', ''] },
    });
  });

  it('needs a command', () => {
    expect(refusal(custom('  '))).toMatchObject({ code: 'no_custom_command' });
  });

  it.each([
    [
      'viewer {remoteID}',
      '“{remoteID}” is not a placeholder. Use {remoteId}, {password}, {host}, {port}, or {{ for a literal brace.',
    ],
    [
      'viewer {remoteId',
      '“{remoteId” is not a placeholder. Use {remoteId}, {password}, {host}, {port}, or {{ for a literal brace.',
    ],
    ['viewer }', '“}” has a } without its {. Write }} for a literal brace.'],
    ["viewer 'open", 'The single quote at position 8 is never closed.'],
    ['{remoteId} --go', 'The program to run must be written out in the custom command, not a placeholder.'],
    ["'' {remoteId}", 'The custom command does not start with a program.'],
  ])('refuses the template %j', (command, message) => {
    expect(refusal(custom(command))).toEqual({ code: 'invalid_template', message });
  });

  it('refuses {host} or {port} when the remote is not such an address', () => {
    expect(refusal(custom('viewer {host}', 'name@ad')).code).toBe('invalid_remote_id');
    const error = refusal(custom('viewer {host}:{port}', 'pc.example.com'));
    expect(error.code).toBe('invalid_remote_id');
    expect(error.message).toContain('{port}');
  });

  it('is a URI template when it starts with a scheme, with the values percent-encoded', () => {
    expect(
      custom('rustdesk://connect/{remoteId}?password={password}', '123 456 789', 'a+b=c/d:e@f'),
    ).toMatchObject({
      plan: { kind: 'uri', uri: 'rustdesk://connect/123456789?password=a%2Bb%3Dc%2Fd%3Ae%40f' },
    });
    expect(custom('anydesk:{remoteId}', 'front.desk@acme')).toMatchObject({
      plan: { uri: 'anydesk:front.desk@acme' },
    });
    expect(custom('VNC://{host}:{port}', '[::1]:5901')).toMatchObject({ plan: { uri: 'VNC://[::1]:5901' } });
    expect(custom('tvcontrol1://control?device={remoteId}')).toMatchObject({
      plan: { uri: 'tvcontrol1://control?device=123456789' },
    });
  });

  it.each([
    'https://evil.example/{remoteId}',
    'http://x/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ms-settings:',
    'smb://host/share',
    'ssh://{host}',
  ])('refuses the scheme of %s', (command) => {
    const error = refusal(custom(command));
    expect(error.code).toBe('scheme_not_allowed');
    expect(error.message).toBe(
      `Custom command may open only ${CUSTOM_URI_SCHEMES.join(', ')} URIs, not ${command.slice(0, command.indexOf(':') + 1).toLowerCase()}.`,
    );
  });

  it('refuses a scheme made of a placeholder', () => {
    expect(refusal(custom('{remoteId}://x')).code).toBe('invalid_template');
  });

  it('takes a Windows path as a program, not as a URI', () => {
    const result = planLaunch(
      'custom',
      { ...NO_SETTINGS, customCommand: 'C:\\Tools\\viewer.exe {remoteId}' },
      { remote: '123456789' },
      'win32',
    );
    expect(result).toMatchObject({
      plan: { kind: 'process', command: 'C:\\Tools\\viewer.exe', args: ['123456789'] },
    });
  });

  it('never lets a value add, split or merge argument elements', () => {
    // Any accepted remote ID, in any template: one element per token, the value exactly as accepted.
    const remote = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9@._:[\]-]{0,40}$/);
    const template = fc.array(
      fc.constantFrom('{remoteId}', '--id={remoteId}', "'a b'", '-x', '"{remoteId} {remoteId}"'),
      {
        maxLength: 6,
      },
    );
    fc.assert(
      fc.property(remote, template, (id, parts) => {
        const result = custom(['viewer', ...parts].join(' '), id);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid_remote_id');
          return;
        }
        if (result.plan.kind !== 'process') throw new Error('expected a process');
        expect(result.plan.args).toEqual(
          parts.map((p) =>
            p
              .replace(/^'(.*)'$/, '$1')
              .replace(/^"(.*)"$/, '$1')
              .replaceAll('{remoteId}', id),
          ),
        );
      }),
    );
  });

  it('reads back what quoteArgument wrote', () => {
    const args = ['two words', `it's`, 'say "hi"', '$HOME', ';', 'C:\\dir\\'];
    const result = custom(['/bin/viewer', ...args.map(quoteArgument)].join(' '));
    expect(result).toMatchObject({ plan: { args } });
  });
});
