/**
 * The service's configuration: flags over SESSIONDESK_* environment variables over defaults, every
 * mistake reported as a ConfigError naming the flag and the variable, and the command line itself
 * (`server/main.ts --help`, a wrong value) as an operator meets it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, helpText, loadConfig, type ServiceConfig } from '../../server/config';
import { API_RECORDING_ENV } from '../../server/http/api-recording';
import { runServerCommand } from '../support/service-process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function configOf(argv: readonly string[], env: NodeJS.ProcessEnv = {}): ServiceConfig {
  const parsed = loadConfig(argv, env);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.config;
}

function refusal(argv: readonly string[], env: NodeJS.ProcessEnv = {}): ConfigError {
  try {
    loadConfig(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify({ argv, env })}`);
}

/**
 * Each variable with a value that is not its default, and what the configuration holds then. The test
 * below checks this table against the variables the service's code mentions, so a new one needs a row.
 */
const VARIABLES: Record<string, { flag: string; value: string; expected: Partial<ServiceConfig> }> = {
  SESSIONDESK_HOST: { flag: '--host', value: '0.0.0.0', expected: { host: '0.0.0.0' } },
  SESSIONDESK_PORT: { flag: '--port', value: '8123', expected: { port: 8123 } },
  SESSIONDESK_DATA_DIR: { flag: '--data-dir', value: 'var/sd', expected: { dataDir: resolve('var/sd') } },
  SESSIONDESK_DATABASE_URL: {
    flag: '--database-url',
    value: 'postgres://desk:secret@db.example.com:5432/sessiondesk',
    expected: { databaseUrl: 'postgres://desk:secret@db.example.com:5432/sessiondesk' },
  },
  SESSIONDESK_DATABASE_POOL_SIZE: {
    flag: '--database-pool-size',
    value: '25',
    expected: { databasePoolSize: 25 },
  },
  SESSIONDESK_PUBLIC_URL: {
    flag: '--public-url',
    value: 'https://desk.example.com/',
    expected: { publicUrl: 'https://desk.example.com' },
  },
  SESSIONDESK_SMTP_URL: {
    flag: '--smtp-url',
    value: 'smtps://user:secret@mail.example.com:465',
    expected: { smtpUrl: 'smtps://user:secret@mail.example.com:465' },
  },
  SESSIONDESK_MAIL_FROM: {
    flag: '--mail-from',
    value: 'Help Desk <help@example.com>',
    expected: { mailFrom: 'Help Desk <help@example.com>' },
  },
  SESSIONDESK_ORG_NAME: { flag: '--org-name', value: 'Acme IT', expected: { orgName: 'Acme IT' } },
  SESSIONDESK_REMOTE_APP_NAME: {
    flag: '--remote-app-name',
    value: 'AnyDesk',
    expected: { remoteAppName: 'AnyDesk' },
  },
  SESSIONDESK_REMOTE_APP_URL: {
    flag: '--remote-app-url',
    value: 'https://anydesk.com/download',
    expected: { remoteAppUrl: 'https://anydesk.com/download' },
  },
  SESSIONDESK_REMOTE_ID_REQUIRED: {
    flag: '--remote-id-required',
    value: 'false',
    expected: { remoteIdRequired: false },
  },
  SESSIONDESK_TRUST_PROXY: {
    flag: '--trust-proxy',
    value: '10.0.0.7, 192.168.10.0/24,::1,fd00::/8,loopback',
    expected: { trustProxy: ['10.0.0.7', '192.168.10.0/24', '::1', 'fd00::/8', 'loopback'] },
  },
  SESSIONDESK_WEBHOOKS_ALLOW_PRIVATE: {
    flag: '--webhooks-allow-private',
    value: 'true',
    expected: { webhooksAllowPrivate: true },
  },
  SESSIONDESK_LOG_LEVEL: { flag: '--log-level', value: 'debug', expected: { logLevel: 'debug' } },
  SESSIONDESK_CONSOLE_BUILD_DIR: {
    flag: '--console-build-dir',
    value: '/srv/sessiondesk/out',
    expected: { consoleBuildDir: '/srv/sessiondesk/out' },
  },
  SESSIONDESK_SSO_CLIENT_ID: { flag: '--sso-client-id', value: 'desk', expected: { ssoClientId: 'desk' } },
  SESSIONDESK_SSO_CLIENT_SECRET: {
    flag: '--sso-client-secret',
    value: 's3cret',
    expected: { ssoClientSecret: 's3cret' },
  },
  SESSIONDESK_SSO_LABEL: {
    flag: '--sso-label',
    value: 'Sign in with Contoso',
    expected: { ssoLabel: 'Sign in with Contoso' },
  },
  SESSIONDESK_SSO_SCOPES: {
    flag: '--sso-scopes',
    value: 'openid email groups',
    expected: { ssoScopes: 'openid email groups' },
  },
  SESSIONDESK_SSO_EMAIL_CLAIM: {
    flag: '--sso-email-claim',
    value: 'upn',
    expected: { ssoEmailClaim: 'upn' },
  },
  SESSIONDESK_SSO_GROUPS_CLAIM: {
    flag: '--sso-groups-claim',
    value: 'roles',
    expected: { ssoGroupsClaim: 'roles' },
  },
  SESSIONDESK_SSO_ALLOWED_DOMAINS: {
    flag: '--sso-allowed-domains',
    value: 'Contoso.com, contoso.de',
    expected: { ssoAllowedDomains: ['contoso.com', 'contoso.de'] },
  },
  SESSIONDESK_SSO_BREAK_GLASS: {
    flag: '--sso-break-glass',
    value: 'Root@Contoso.com',
    expected: { ssoBreakGlass: ['root@contoso.com'] },
  },
};
/** The issuer needs its client and allowed domains: tested with them. */
const SSO_ISSUER_VARIABLE = 'SESSIONDESK_SSO_ISSUER';
/** These two go together: tested as a pair. */
const ADMIN_VARIABLES = {
  SESSIONDESK_ADMIN_EMAIL: '--admin-email',
  SESSIONDESK_ADMIN_PASSWORD: '--admin-password',
};

/** Every SESSIONDESK_ variable named anywhere in the service's code. */
/**
 * Read by the service but not for operators, so not in --help: the test suites' switch that records every
 * API answer for the OpenAPI conformance check (server/http/api-recording.ts).
 */
const TEST_ONLY_VARIABLES: readonly string[] = [API_RECORDING_ENV];

function variablesInServerCode(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) {
        for (const m of readFileSync(path, 'utf8').matchAll(/SESSIONDESK_[A-Z0-9_]+/g)) found.add(m[0]);
      }
    }
  };
  walk(join(ROOT, 'server'));
  return [...found].sort();
}

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:7300 and the documented settings', () => {
    expect(configOf([], {})).toEqual({
      host: '127.0.0.1',
      port: 7300,
      dataDir: resolve('.data/server'),
      databasePoolSize: 10,
      orgName: 'IT Support',
      remoteAppName: 'RustDesk',
      remoteAppUrl: 'https://rustdesk.com/download',
      remoteIdRequired: true,
      trustProxy: false,
      webhooksAllowPrivate: false,
      logLevel: 'info',
      ssoLabel: 'Sign in with single sign-on',
      ssoScopes: 'openid email profile',
      ssoEmailClaim: 'email',
      ssoGroupsClaim: 'groups',
      ssoBreakGlass: [],
    });
  });

  it('reads the SSO issuer with its client and allowed domains, and refuses it alone or unsafe', () => {
    const client = {
      SESSIONDESK_SSO_CLIENT_ID: 'desk',
      SESSIONDESK_SSO_CLIENT_SECRET: 's3cret',
      SESSIONDESK_SSO_ALLOWED_DOMAINS: 'contoso.com',
    };
    const issuer = 'https://login.contoso.com/tenant/v2.0';
    expect(configOf([], { ...client, [SSO_ISSUER_VARIABLE]: issuer })).toMatchObject({ ssoIssuer: issuer });
    expect(configOf(['--sso-issuer', issuer], client)).toMatchObject({ ssoIssuer: issuer });
    // A provider on this machine (as in tests) may use plain http; anywhere else, https only.
    expect(configOf(['--sso-issuer', 'http://127.0.0.1:9000'], client).ssoIssuer).toBe(
      'http://127.0.0.1:9000',
    );
    expect(refusal(['--sso-issuer', 'http://login.contoso.com'], client).message).toContain('https://');
    expect(refusal(['--sso-issuer', issuer]).message).toContain('client ID');
    expect(refusal(['--sso-scopes', 'email profile']).message).toContain('openid');
    expect(refusal(['--sso-allowed-domains', 'contoso.com,not a domain']).message).toContain(
      'not a domain is not an e-mail domain',
    );
  });

  it('answers --help (and -h) without reading anything else', () => {
    expect(loadConfig(['--help'], { SESSIONDESK_PORT: 'not a port' })).toEqual({ help: true });
    expect(loadConfig(['-h'], {})).toEqual({ help: true });
  });

  it.each(Object.entries(VARIABLES))('reads %s, and its flag', (variable, { flag, value, expected }) => {
    expect(configOf([], { [variable]: value })).toMatchObject(expected);
    expect(configOf([flag, value], {})).toMatchObject(expected);
    expect(configOf([`${flag}=${value}`], {})).toMatchObject(expected);
  });

  it('reads SESSIONDESK_ADMIN_EMAIL and SESSIONDESK_ADMIN_PASSWORD together, and their flags', () => {
    const expected = { adminEmail: 'root@example.com', adminPassword: 'a long password' };
    expect(
      configOf([], {
        SESSIONDESK_ADMIN_EMAIL: 'root@example.com',
        SESSIONDESK_ADMIN_PASSWORD: 'a long password',
      }),
    ).toMatchObject(expected);
    expect(
      configOf(['--admin-email', 'root@example.com', '--admin-password', 'a long password'], {}),
    ).toMatchObject(expected);
  });

  it('lets a flag win over the environment', () => {
    const env = {
      SESSIONDESK_PORT: '9000',
      SESSIONDESK_HOST: '0.0.0.0',
      SESSIONDESK_ORG_NAME: 'From env',
      SESSIONDESK_TRUST_PROXY: '10.0.0.7',
    };
    const config = configOf(['--port', '8000', '--org-name', 'From flag', '--trust-proxy', 'false'], env);
    expect(config).toMatchObject({ port: 8000, orgName: 'From flag', trustProxy: false });
    // What no flag sets still comes from the environment.
    expect(config.host).toBe('0.0.0.0');
  });

  it('lets a flag win even when the environment value is invalid', () => {
    expect(configOf(['--port', '8000'], { SESSIONDESK_PORT: '70000' }).port).toBe(8000);
  });

  it('treats an empty variable as unset', () => {
    expect(configOf([], { SESSIONDESK_PORT: '', SESSIONDESK_HOST: '' })).toMatchObject({
      port: 7300,
      host: '127.0.0.1',
    });
  });

  it('reads --trust-proxy false (and no, 0) as trusting no proxy', () => {
    for (const value of ['false', 'no', '0', 'FALSE']) {
      expect(configOf(['--trust-proxy', value]).trustProxy, value).toBe(false);
    }
  });

  it('accepts port 0 (a free port) and 65535', () => {
    expect(configOf(['--port', '0']).port).toBe(0);
    expect(configOf(['--port', '65535']).port).toBe(65_535);
  });

  it.each([
    ['port 70000', ['--port', '70000'], {}, '--port / SESSIONDESK_PORT', 'at most 65535'],
    [
      'port 70000 from the environment',
      [],
      { SESSIONDESK_PORT: '70000' },
      '--port / SESSIONDESK_PORT',
      '65535',
    ],
    ['port -1', ['--port=-1'], {}, '--port / SESSIONDESK_PORT', ''],
    ['port 80.5', ['--port', '80.5'], {}, '--port / SESSIONDESK_PORT', ''],
    ['port abc', ['--port', 'abc'], {}, '--port / SESSIONDESK_PORT', 'number'],
    [
      'a public URL without http',
      ['--public-url', 'desk.example.com'],
      {},
      '--public-url / SESSIONDESK_PUBLIC_URL',
      'http://',
    ],
    [
      'an ftp public URL',
      [],
      { SESSIONDESK_PUBLIC_URL: 'ftp://desk.example.com' },
      '--public-url / SESSIONDESK_PUBLIC_URL',
      'http://',
    ],
    [
      'an http:// SMTP URL',
      ['--smtp-url', 'http://mail.example.com'],
      {},
      '--smtp-url / SESSIONDESK_SMTP_URL',
      'smtp://',
    ],
    [
      'an admin e-mail without a password',
      ['--admin-email', 'root@example.com'],
      {},
      '--admin-password / SESSIONDESK_ADMIN_PASSWORD',
      'admin e-mail and the admin password',
    ],
    [
      'an admin password without an e-mail',
      [],
      { SESSIONDESK_ADMIN_PASSWORD: 'a long password' },
      '--admin-password / SESSIONDESK_ADMIN_PASSWORD',
      'admin e-mail',
    ],
    [
      'an admin e-mail that is not one',
      ['--admin-email', 'root', '--admin-password', 'a long password'],
      {},
      '--admin-email / SESSIONDESK_ADMIN_EMAIL',
      'e-mail',
    ],
    [
      'a short admin password',
      ['--admin-email', 'root@example.com', '--admin-password', 'short'],
      {},
      '--admin-password / SESSIONDESK_ADMIN_PASSWORD',
      '10 characters',
    ],
    [
      'trust-proxy maybe',
      ['--trust-proxy', 'maybe'],
      {},
      '--trust-proxy / SESSIONDESK_TRUST_PROXY',
      'maybe is not an IP address or a CIDR range',
    ],
    [
      'a trust-proxy list with one wrong entry',
      ['--trust-proxy', '10.0.0.1,10.0.0.300'],
      {},
      '--trust-proxy / SESSIONDESK_TRUST_PROXY',
      '10.0.0.300 is not an IP address or a CIDR range',
    ],
    // Trusting every client's X-Forwarded-For would let anyone pick the address the rate limits count.
    ...(['true', 'yes', '1', '2'] as const).map(
      (value) =>
        [
          `trust-proxy ${value}`,
          [],
          { SESSIONDESK_TRUST_PROXY: value },
          '--trust-proxy / SESSIONDESK_TRUST_PROXY',
          'give the addresses or CIDR ranges of your reverse proxies',
        ] as const,
    ),
    ['log level loud', [], { SESSIONDESK_LOG_LEVEL: 'loud' }, '--log-level / SESSIONDESK_LOG_LEVEL', ''],
    [
      'a database URL that is not PostgreSQL',
      ['--database-url', 'mysql://db.example.com/desk'],
      {},
      '--database-url / SESSIONDESK_DATABASE_URL',
      'starts with postgres:// or postgresql://',
    ],
    [
      'a pool of one connection',
      [],
      { SESSIONDESK_DATABASE_POOL_SIZE: '1' },
      '--database-pool-size / SESSIONDESK_DATABASE_POOL_SIZE',
      'at least 2',
    ],
  ] as const)('refuses %s, naming the flag and the variable', (_name, argv, env, names, says) => {
    const error = refusal(argv, env);
    expect(error.message).toContain(names);
    expect(error.message).toContain(says);
  });

  it('names every wrong setting at once', () => {
    const error = refusal(['--port', '70000', '--smtp-url', 'http://mail.example.com']);
    expect(error.message).toContain('--port / SESSIONDESK_PORT');
    expect(error.message).toContain('--smtp-url / SESSIONDESK_SMTP_URL');
  });

  it.each([
    ['an unknown flag', ['--bogus'], '--bogus'],
    ['a flag without its value', ['--port'], '--port'],
    ['a positional argument', ['serve'], 'serve'],
  ])('refuses %s with a message that points at --help', (_name, argv, names) => {
    const error = refusal(argv);
    expect(error.message).toContain(names);
    expect(error.message).toContain('--help');
  });
});

describe('helpText', () => {
  it('mentions every SESSIONDESK_ variable the service reads, with its flag', () => {
    const text = helpText();
    const inCode = variablesInServerCode().filter((v) => !TEST_ONLY_VARIABLES.includes(v));
    expect(inCode.length).toBeGreaterThan(10);
    for (const variable of inCode) expect(text, variable).toContain(variable);
    for (const variable of TEST_ONLY_VARIABLES) expect(text).not.toContain(variable);
    const all = {
      ...Object.fromEntries(Object.entries(VARIABLES).map(([v, { flag }]) => [v, flag])),
      ...ADMIN_VARIABLES,
    };
    for (const [variable, flag] of Object.entries(all)) {
      expect(text, variable).toMatch(new RegExp(`${flag}\\s+${variable}\\s+\\S`));
    }
    expect(text).toContain('--help');
  });

  it('is tested for every variable it lists', () => {
    const listed = [...helpText().matchAll(/SESSIONDESK_[A-Z0-9_]+/g)].map((m) => m[0]).sort();
    expect(listed).toEqual(
      [...Object.keys(VARIABLES), ...Object.keys(ADMIN_VARIABLES), SSO_ISSUER_VARIABLE].sort(),
    );
  });
});

describe('the command line', () => {
  it('prints the options with --help and exits 0, and refuses wrong values with a clear message', async () => {
    // Should a refusal not happen, the service must not write into the repository.
    const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-config-'));
    const [help, badPort, badEnv, unknown] = await Promise.all([
      runServerCommand(['--help']),
      runServerCommand(['--port', 'abc', '--data-dir', dataDir]),
      runServerCommand(['--data-dir', dataDir], { SESSIONDESK_PORT: '70000' }),
      runServerCommand(['--prot', '8080', '--data-dir', dataDir]),
    ]).finally(() => rmSync(dataDir, { recursive: true, force: true }));

    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage:');
    for (const flag of ['--host', '--port', '--data-dir', '--public-url', '--smtp-url', '--help']) {
      expect(help.stdout).toContain(flag);
    }
    for (const variable of Object.keys(VARIABLES)) expect(help.stdout).toContain(variable);
    expect(help.stdout).not.toContain('listening');

    expect(badPort.code).not.toBe(0);
    expect(badPort.code).not.toBeNull();
    expect(badPort.stderr).toContain('--port / SESSIONDESK_PORT');
    expect(badPort.stderr).toContain('The port is a number.');
    // A clear message, not a stack trace.
    expect(badPort.stderr).not.toMatch(/\n\s+at /);
    expect(badPort.stdout).not.toContain('listening');

    expect(badEnv.code).not.toBe(0);
    expect(badEnv.stderr).toContain('SESSIONDESK_PORT');
    expect(badEnv.stderr).toContain('65535');

    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('--prot');
    expect(unknown.stderr).toContain('--help');
  }, 90_000);
});
