/**
 * The service's configuration: command-line flags over SESSIONDESK_* environment variables over defaults,
 * validated once at start so a mistake is reported before anything listens.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeIssues, schemaWordedIssues } from '@shared/schemas/validation';

const DEFAULT_DATA_DIR = '.data/server';

interface Option {
  readonly flag: string;
  readonly env: string;
  readonly key: keyof RawConfig;
  readonly help: string;
}

const OPTIONS: readonly Option[] = [
  { flag: 'host', env: 'SESSIONDESK_HOST', key: 'host', help: 'Address to listen on (default 127.0.0.1).' },
  {
    flag: 'port',
    env: 'SESSIONDESK_PORT',
    key: 'port',
    help: 'Port to listen on (default 7300; 0 picks a free port and prints it).',
  },
  {
    flag: 'data-dir',
    env: 'SESSIONDESK_DATA_DIR',
    key: 'dataDir',
    help: 'Folder for the database, secrets and unsent mail (default ./.data/server).',
  },
  {
    flag: 'database-url',
    env: 'SESSIONDESK_DATABASE_URL',
    key: 'databaseUrl',
    help: 'postgres://USER:PASSWORD@HOST:PORT/DATABASE (PostgreSQL 15 or later): several instances may share it. Without it, the service keeps its data in SQLite in DATA_DIR.',
  },
  {
    flag: 'database-pool-size',
    env: 'SESSIONDESK_DATABASE_POOL_SIZE',
    key: 'databasePoolSize',
    help: "With --database-url: the most connections this instance opens (default 10, plus one that listens for the other instances' changes).",
  },
  {
    flag: 'public-url',
    env: 'SESSIONDESK_PUBLIC_URL',
    key: 'publicUrl',
    help: 'Base URL of links in e-mails and on the join page (default http://HOST:PORT).',
  },
  {
    flag: 'smtp-url',
    env: 'SESSIONDESK_SMTP_URL',
    key: 'smtpUrl',
    help: 'smtp:// or smtps:// URL with credentials. Without it, mail is written as .eml files to DATA_DIR/mail.',
  },
  {
    flag: 'mail-from',
    env: 'SESSIONDESK_MAIL_FROM',
    key: 'mailFrom',
    help: 'Sender of e-mails (default "Sessiondesk <no-reply@HOSTNAME>").',
  },
  {
    flag: 'admin-email',
    env: 'SESSIONDESK_ADMIN_EMAIL',
    key: 'adminEmail',
    help: 'With --admin-password: the first admin, created when there is no agent yet.',
  },
  {
    flag: 'admin-password',
    env: 'SESSIONDESK_ADMIN_PASSWORD',
    key: 'adminPassword',
    help: 'Password of the first admin. Without both, the first start creates one and prints its password once.',
  },
  {
    flag: 'org-name',
    env: 'SESSIONDESK_ORG_NAME',
    key: 'orgName',
    help: 'Organisation named on the join page and in e-mails (default "IT Support"). Stored at the first start; then admins change it (PATCH /api/v1/organisation).',
  },
  {
    flag: 'remote-app-name',
    env: 'SESSIONDESK_REMOTE_APP_NAME',
    key: 'remoteAppName',
    help: 'Remote-control app the end user starts, named on the join page (default RustDesk). Stored at the first start, like --org-name.',
  },
  {
    flag: 'remote-app-url',
    env: 'SESSIONDESK_REMOTE_APP_URL',
    key: 'remoteAppUrl',
    help: 'Where the end user downloads it (default https://rustdesk.com/download). Stored at the first start.',
  },
  {
    flag: 'remote-id-required',
    env: 'SESSIONDESK_REMOTE_ID_REQUIRED',
    key: 'remoteIdRequired',
    help: 'true: the join page asks for the ID the remote-control app shows (default true). Stored at the first start.',
  },
  {
    flag: 'trust-proxy',
    env: 'SESSIONDESK_TRUST_PROXY',
    key: 'trustProxy',
    help: 'Behind a reverse proxy: its addresses or CIDR ranges, comma-separated (e.g. 10.0.0.5,10.0.1.0/24, or loopback), so that rate limits count the client address it forwards in X-Forwarded-For; the header is believed only from them. Default false: it is ignored. true is refused: it would believe the header from anyone.',
  },
  {
    flag: 'webhooks-allow-private',
    env: 'SESSIONDESK_WEBHOOKS_ALLOW_PRIVATE',
    key: 'webhooksAllowPrivate',
    help: 'true: webhooks may post to private, loopback and link-local addresses (ticketing on the LAN). Default false: such addresses are refused.',
  },
  {
    flag: 'sso-issuer',
    env: 'SESSIONDESK_SSO_ISSUER',
    key: 'ssoIssuer',
    help: 'Single sign-on: the OpenID Connect issuer URL of the identity provider (https://; http:// only on loopback). Its redirect URI to register is PUBLIC_URL/api/v1/auth/sso/callback. Without it, agents sign in with passwords only.',
  },
  {
    flag: 'sso-client-id',
    env: 'SESSIONDESK_SSO_CLIENT_ID',
    key: 'ssoClientId',
    help: 'With --sso-issuer: the client ID the identity provider gave Sessiondesk.',
  },
  {
    flag: 'sso-client-secret',
    env: 'SESSIONDESK_SSO_CLIENT_SECRET',
    key: 'ssoClientSecret',
    help: 'With --sso-issuer: the client secret (prefer the environment variable: flags show in process lists).',
  },
  {
    flag: 'sso-label',
    env: 'SESSIONDESK_SSO_LABEL',
    key: 'ssoLabel',
    help: 'The sign-in button\'s label (default "Sign in with single sign-on"), e.g. "Sign in with Contoso".',
  },
  {
    flag: 'sso-scopes',
    env: 'SESSIONDESK_SSO_SCOPES',
    key: 'ssoScopes',
    help: 'Scopes asked for, space-separated (default "openid email profile"; add the one that gives groups if the provider needs one).',
  },
  {
    flag: 'sso-email-claim',
    env: 'SESSIONDESK_SSO_EMAIL_CLAIM',
    key: 'ssoEmailClaim',
    help: 'The claim that holds the e-mail address agents are matched by (default email; Entra ID: preferred_username or upn if email is empty).',
  },
  {
    flag: 'sso-groups-claim',
    env: 'SESSIONDESK_SSO_GROUPS_CLAIM',
    key: 'ssoGroupsClaim',
    help: 'The claim that holds the groups mapped to roles and channels (default groups).',
  },
  {
    flag: 'sso-allowed-domains',
    env: 'SESSIONDESK_SSO_ALLOWED_DOMAINS',
    key: 'ssoAllowedDomains',
    help: 'E-mail domains that may sign in with SSO, comma-separated (e.g. contoso.com,contoso.de). Required with --sso-issuer.',
  },
  {
    flag: 'sso-break-glass',
    env: 'SESSIONDESK_SSO_BREAK_GLASS',
    key: 'ssoBreakGlass',
    help: 'E-mail addresses of admins who may still sign in with a password when the organisation is SSO only (for when the provider is down), comma-separated.',
  },
  {
    flag: 'console-build-dir',
    env: 'SESSIONDESK_CONSOLE_BUILD_DIR',
    key: 'consoleBuildDir',
    help: "The web console's build (npm run build writes it): the folder holding renderer/ and console/, served at /console (default the repository's out/).",
  },
  {
    flag: 'log-level',
    env: 'SESSIONDESK_LOG_LEVEL',
    key: 'logLevel',
    help: 'fatal, error, warn, info, debug or trace (default info).',
  },
];

const DATA_DIR_OPTION = OPTIONS.find((o) => o.key === 'dataDir')!;

type RawConfig = {
  host?: string;
  port?: string;
  dataDir?: string;
  databaseUrl?: string;
  databasePoolSize?: string;
  publicUrl?: string;
  smtpUrl?: string;
  mailFrom?: string;
  adminEmail?: string;
  adminPassword?: string;
  orgName?: string;
  remoteAppName?: string;
  remoteAppUrl?: string;
  remoteIdRequired?: string;
  trustProxy?: string;
  webhooksAllowPrivate?: string;
  logLevel?: string;
  ssoIssuer?: string;
  ssoClientId?: string;
  ssoClientSecret?: string;
  ssoLabel?: string;
  ssoScopes?: string;
  ssoEmailClaim?: string;
  ssoGroupsClaim?: string;
  ssoAllowedDomains?: string;
  ssoBreakGlass?: string;
  consoleBuildDir?: string;
};

const flagBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'Use true or false.' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Names proxy-addr (Fastify's trustProxy) gives address ranges: 127.0.0.0/8 and ::1, and so on. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const;
const proxyAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(PROXY_RANGE_NAMES)]);

/**
 * The reverse proxies whose X-Forwarded-For is believed: `false` (none), or their addresses and ranges.
 * `true` (or a hop count) would believe whatever any client writes in the header, and so let anyone
 * choose the address every per-address limit counts: it is refused, saying what to give instead.
 */
const trustProxySetting = z.string().transform((value, ctx): false | string[] => {
  const lowered = value.trim().toLowerCase();
  if (['false', 'no', '0'].includes(lowered)) return false;
  if (['true', 'yes'].includes(lowered) || /^\d+$/.test(lowered)) {
    ctx.addIssue({
      code: 'custom',
      message:
        `${value} would believe X-Forwarded-For from any client, who could then choose the address the ` +
        'rate limits count: give the addresses or CIDR ranges of your reverse proxies instead ' +
        '(e.g. 10.0.0.5,10.0.1.0/24), or false.',
    });
    return z.NEVER;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'Give at least one address or CIDR range, or false.' });
  }
  for (const entry of entries) {
    if (!proxyAddress.safeParse(entry).success) {
      ctx.addIssue({
        code: 'custom',
        message: `${entry} is not an IP address or a CIDR range (like 10.0.0.0/8), nor loopback, linklocal or uniquelocal.`,
      });
    }
  }
  return entries;
});

/** A comma-separated list, each entry trimmed and lower-cased (empty ones left out), each checked by `valid`. */
const commaList = (valid: (entry: string) => boolean, wrong: (entry: string) => string) =>
  z.string().transform((value, ctx): string[] => {
    const entries = value
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item !== '');
    for (const entry of entries) {
      if (!valid(entry)) ctx.addIssue({ code: 'custom', message: wrong(entry) });
    }
    return entries;
  });

const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/;

/** The issuer: https, or http on a loopback address only (a provider run on this machine, as in tests). */
const ssoIssuer = z
  .url({ protocol: /^https?$/, error: 'The SSO issuer is an https:// URL.' })
  .refine((url) => url.startsWith('https:') || isLoopbackUrl(url), {
    error: 'The SSO issuer is an https:// URL (http:// only on 127.0.0.1, ::1 or localhost).',
  });

export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === '[::1]' || host === 'localhost';
}

const configSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce
      .number({ error: 'The port is a number.' })
      .int()
      .min(0)
      .max(65_535, { error: 'The port is at most 65535.' })
      .default(7300),
    dataDir: z.string().min(1).default(DEFAULT_DATA_DIR),
    databaseUrl: z
      .url({
        protocol: /^postgres(ql)?$/,
        error: 'The database URL starts with postgres:// or postgresql://.',
      })
      .optional(),
    databasePoolSize: z.coerce
      .number({ error: 'The database pool size is a number.' })
      .int()
      .min(2, { error: 'The database pool size is at least 2.' })
      .max(1_000)
      .default(10),
    publicUrl: z
      .url({ protocol: /^https?$/, error: 'The public URL is an http:// or https:// URL.' })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    smtpUrl: z
      .url({ protocol: /^smtps?$/, error: 'The SMTP URL starts with smtp:// or smtps://.' })
      .optional(),
    mailFrom: z.string().min(3).optional(),
    adminEmail: z.email({ error: 'The admin e-mail is not a valid e-mail address.' }).optional(),
    adminPassword: z.string().min(10, { error: 'The admin password has at least 10 characters.' }).optional(),
    orgName: z.string().min(1).max(120).default('IT Support'),
    remoteAppName: z.string().min(1).max(60).default('RustDesk'),
    remoteAppUrl: z.url({ protocol: /^https?$/ }).default('https://rustdesk.com/download'),
    remoteIdRequired: flagBoolean.default(true),
    trustProxy: trustProxySetting.default(false),
    webhooksAllowPrivate: flagBoolean.default(false),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ssoIssuer: ssoIssuer.optional(),
    ssoClientId: z.string().min(1).optional(),
    ssoClientSecret: z.string().min(1).optional(),
    ssoLabel: z.string().trim().min(1).max(80).default('Sign in with single sign-on'),
    ssoScopes: z
      .string()
      .refine((scopes) => scopes.split(/\s+/).includes('openid'), { error: 'The SSO scopes include openid.' })
      .default('openid email profile'),
    ssoEmailClaim: z.string().min(1).default('email'),
    ssoGroupsClaim: z.string().min(1).default('groups'),
    ssoAllowedDomains: commaList(
      (entry) => DOMAIN.test(entry),
      (entry) => `${entry} is not an e-mail domain like contoso.com.`,
    ).optional(),
    ssoBreakGlass: commaList(
      (entry) => z.email().safeParse(entry).success,
      (entry) => `${entry} is not an e-mail address.`,
    ).default([]),
    consoleBuildDir: z.string().min(1).optional(),
  })
  .refine(
    (c) =>
      c.ssoIssuer === undefined ||
      (c.ssoClientId !== undefined && c.ssoClientSecret !== undefined && c.ssoAllowedDomains !== undefined),
    {
      error: 'With an SSO issuer, set the client ID, the client secret and the allowed e-mail domains too.',
      path: ['ssoIssuer'],
    },
  )
  .refine((c) => (c.adminEmail === undefined) === (c.adminPassword === undefined), {
    error: 'Set both the admin e-mail and the admin password, or neither.',
    path: ['adminPassword'],
  });

export type ServiceConfig = z.output<typeof configSchema> & { readonly dataDir: string };

/** The commands besides serving: each works on the data folder (--data-dir, as the service's) and one other. */
export const DATA_COMMANDS = {
  backup: {
    folderFlag: 'to',
    help: 'Writes a consistent copy of the database and secrets.json into FOLDER (which must not exist), while the service runs.',
  },
  restore: {
    folderFlag: 'from',
    help: "Puts the backup in FOLDER in place of the data folder's database and secrets.json, which are kept in DATA_DIR/replaced-TIME. Refused while a service has the database open.",
  },
} as const;
export type DataCommandName = keyof typeof DATA_COMMANDS;

export function isDataCommand(name: string | undefined): name is DataCommandName {
  return name !== undefined && Object.hasOwn(DATA_COMMANDS, name);
}

export function helpText(): string {
  const lines = OPTIONS.map((o) => `  --${o.flag.padEnd(20)} ${o.env.padEnd(32)} ${o.help}`);
  const commands = Object.entries(DATA_COMMANDS).map(
    ([name, c]) =>
      `  ${`${name} --${DATA_DIR_OPTION.flag} DIR --${c.folderFlag} FOLDER`.padEnd(55)} ${c.help}`,
  );
  return [
    'Sessiondesk session request service',
    '',
    'Usage: npm run server -- [options]',
    '       npm run server -- backup|restore ...',
    '',
    'Each option can be given as a flag or as an environment variable; a flag wins.',
    '',
    ...lines,
    `  --${'help'.padEnd(20)} ${''.padEnd(32)} Print this help.`,
    '',
    `Commands (--${DATA_DIR_OPTION.flag} is read as above, with the same default):`,
    '',
    ...commands,
  ].join('\n');
}

/** --help (-h) and the given flags, each taking a value; anything else is a ConfigError. */
function parseFlags(
  argv: readonly string[],
  flags: readonly string[],
): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(flags.map((flag) => [flag, { type: 'string' as const }])),
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}. Run with --help to see the options.`);
  }
}

export type ParsedCommandLine = { help: true } | { help: false; config: ServiceConfig };

export class ConfigError extends Error {}

/** Reads flags and environment; throws ConfigError naming every wrong setting. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedCommandLine {
  const values = parseFlags(
    argv,
    OPTIONS.map((o) => o.flag),
  );
  if (values['help']) return { help: true };

  const raw: RawConfig = {};
  for (const option of OPTIONS) {
    const value = values[option.flag] ?? env[option.env];
    if (typeof value === 'string' && value !== '') raw[option.key] = value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = schemaWordedIssues(parsed.error).map((issue) => {
      const option = OPTIONS.find((o) => o.key === issue.field);
      return option ? { ...issue, field: `--${option.flag} / ${option.env}` } : issue;
    });
    throw new ConfigError(`Invalid configuration: ${describeIssues(issues)}`);
  }
  return { help: false, config: { ...parsed.data, dataDir: resolve(parsed.data.dataDir) } };
}

export type ParsedDataCommand =
  { help: true } | { help: false; command: DataCommandName; dataDir: string; folder: string };

/** Reads `backup` or `restore`'s flags (argv after the command's name); throws ConfigError when one is wrong. */
export function loadDataCommand(
  command: DataCommandName,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ParsedDataCommand {
  const { folderFlag } = DATA_COMMANDS[command];
  const values = parseFlags(argv, [DATA_DIR_OPTION.flag, folderFlag]);
  if (values['help']) return { help: true };
  const folder = values[folderFlag];
  if (typeof folder !== 'string' || folder === '') {
    throw new ConfigError(`${command} needs --${folderFlag} FOLDER. Run with --help to see the options.`);
  }
  const dataDir = values[DATA_DIR_OPTION.flag] || env[DATA_DIR_OPTION.env] || DEFAULT_DATA_DIR;
  return { help: false, command, dataDir: resolve(String(dataDir)), folder: resolve(folder) };
}
