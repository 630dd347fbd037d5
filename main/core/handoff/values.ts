/**
 * What a value may look like before it goes into a remote-control client's argument list or URI.
 * The end user typed the remote ID on a public web page, so it is untrusted: each client's rule is
 * written positively (the characters and shape it accepts), and no rule lets a value begin with "-"
 * (a client would read it as an option) or hold whitespace or shell metacharacters (nothing here runs
 * a shell, but a client might hand the value on to one).
 */
import { remoteIdSchema } from '@shared/schemas/common';

export const PLACEHOLDERS = ['remoteId', 'password', 'host', 'port'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export interface ValueRule {
  /** What a valid value looks like, in words for the agent ("9 or 10 digits …"). */
  readonly expected: string;
  readonly pattern: RegExp;
  /** What the pattern cannot say: an IPv6 address's grammar, a port's range, a length. */
  readonly refine?: (value: string) => boolean;
}

export function conforms(rule: ValueRule, value: string): boolean {
  return rule.pattern.test(value) && (rule.refine?.(value) ?? true);
}

// Hosts: a DNS name, a dotted IPv4 address, or an IPv6 address in brackets (bare IPv6 is ambiguous
// next to a port). Underscores and IPv6 zone ids ("%eth0") are refused.
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST = `(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]{2,45}\\])`;
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/**
 * An IPv6 address's text form (RFC 4291 §2.2): eight hex groups, or fewer with one "::" standing for
 * the zero groups left out, the last two groups optionally written as a dotted IPv4 address. Zone ids
 * are not accepted. Written here rather than taken from node:net so the hand-off runs in a browser too.
 */
export function isIPv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (half: string | undefined): string[] =>
    half === undefined || half === '' ? [] : half.split(':');
  const head = groupsOf(halves[0]);
  const tail = groupsOf(halves[1]);
  const all = [...head, ...tail];
  // An IPv4 tail counts as two groups, and only at the very end of the text.
  const last = (halves.length === 2 ? tail : head).at(-1);
  const ipv4Tail = last !== undefined && last.includes('.');
  if (ipv4Tail && !IPV4.test(last)) return false;
  const hexGroups = ipv4Tail ? all.slice(0, -1) : all;
  if (!hexGroups.every((group) => HEX_GROUP.test(group))) return false;
  const count = hexGroups.length + (ipv4Tail ? 2 : 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** The grammar the HOST pattern leaves to code: IPv6 inside brackets, digits-only names as IPv4. */
export function isHost(host: string): boolean {
  if (!new RegExp(`^${HOST}$`).test(host) || host.length > 253) return false;
  if (host.startsWith('[')) return isIPv6(host.slice(1, -1));
  // "010.1.1.1" or "3232235777" would be read as octal or as one 32-bit number by some resolvers.
  if (/^[\d.]+$/.test(host)) return IPV4.test(host);
  return true;
}

function isPort(text: string): boolean {
  return /^[1-9]\d{0,4}$/.test(text) && Number(text) <= 65_535;
}

export const HOST_RULE: ValueRule = {
  expected: 'a host name, an IPv4 address or an IPv6 address in brackets',
  pattern: new RegExp(`^${HOST}$`),
  refine: isHost,
};

export const PORT_RULE: ValueRule = {
  expected: 'a port from 1 to 65535',
  pattern: /^\d{1,5}$/,
  refine: isPort,
};

/** Passwords go into argv (or a URI's query); characters a shell or cmd.exe would act on are refused. */
export const PASSWORD_RULE: ValueRule = {
  expected: '1–128 letters, digits or @ + = : , . / _ - (not starting with -)',
  pattern: /^[A-Za-z0-9@+=:,./_][A-Za-z0-9@+=:,./_-]{0,127}$/,
};

const ID_DIGITS = '\\d{9,10}';

export const RUSTDESK_ID_RULE: ValueRule = {
  expected:
    '9 or 10 digits (like 123 456 789) or a custom ID (6–16 letters, digits, _ or -, starting with a letter), optionally followed by @server',
  pattern: new RegExp(`^(?:${ID_DIGITS}|[A-Za-z][A-Za-z0-9_-]{5,15})(?:@${HOST}(?::\\d{1,5})?)?$`),
  refine: (value) => {
    const at = value.indexOf('@');
    if (at < 0) return true;
    const server = parseEndpoint(value.slice(at + 1), 'port');
    return server !== null;
  },
};

export const ANYDESK_ID_RULE: ValueRule = {
  expected: '9 or 10 digits (like 123 456 789) or an alias like name@ad',
  pattern: new RegExp(`^(?:${ID_DIGITS}|[A-Za-z0-9][A-Za-z0-9._-]{0,62}@[A-Za-z0-9][A-Za-z0-9-]{0,31})$`),
};

export const TEAMVIEWER_ID_RULE: ValueRule = {
  expected: '9 or 10 digits (like 1 234 567 890)',
  pattern: new RegExp(`^${ID_DIGITS}$`),
};

export const VNC_ADDRESS_RULE: ValueRule = {
  expected:
    'a host name or IP address, optionally with :display or ::port (like pc.example.com:1, 192.168.1.20::5901 or [2001:db8::5])',
  pattern: new RegExp(`^${HOST}(?:::?\\d{1,5})?$`),
  refine: (value) => parseEndpoint(value, 'vnc') !== null,
};

export const RDP_ADDRESS_RULE: ValueRule = {
  expected:
    'a host name or IP address, optionally with :port (like pc.example.com, 192.168.1.20:3389 or [2001:db8::5]:3390)',
  pattern: new RegExp(`^${HOST}(?::\\d{1,5})?$`),
  refine: (value) => parseEndpoint(value, 'port') !== null,
};

/** The custom client takes any ID of the general shape the join page accepts. */
export const GENERAL_REMOTE_ID_RULE: ValueRule = {
  expected:
    'letters, digits and @ . _ : - [ ], starting with a letter or digit, at most 64 characters (like 123456789 or pc.example.com:5900)',
  pattern: /^[A-Za-z0-9[][A-Za-z0-9@._:\-[\]]*$/,
  refine: (value) => remoteIdSchema.safeParse(value).success,
};

export interface Endpoint {
  readonly host: string;
  /** Absent when the value named none; the profile's default applies. */
  readonly port: number | null;
}

/**
 * Splits "host", "host:N", "host::P" (and the bracketed IPv6 forms). In the VNC convention ("vnc")
 * "::P" is a port and ":N" a display number when N < 100 (port 5900 + N), else a port, as TigerVNC and
 * RealVNC read it. Otherwise ("port") ":P" and "::P" both give the port. Null when it is not such a value.
 */
export function parseEndpoint(value: string, style: 'vnc' | 'port'): Endpoint | null {
  const match = new RegExp(`^(${HOST})(?:(::?)(\\d{1,5}))?$`).exec(value);
  const host = match?.[1];
  if (match === null || host === undefined || !isHost(host)) return null;
  const [, , separator, digits] = match;
  if (separator === undefined || digits === undefined) return { host, port: null };
  if (style === 'vnc' && separator === ':' && /^\d{1,2}$/.test(digits)) {
    return { host, port: 5900 + Number(digits) };
  }
  return isPort(digits) ? { host, port: Number(digits) } : null;
}

/**
 * The ID as the client wants it: apps show IDs in groups ("123 456 789", sometimes typed "123-456-789"),
 * and the separators are not part of it.
 */
export function normalizeRemote(remote: string, digitGroups: boolean): string {
  const compact = remote.replace(/\s+/g, '');
  return digitGroups && /^\d+(?:-\d+)+$/.test(compact) ? compact.replace(/-/g, '') : compact;
}
