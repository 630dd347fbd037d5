/** Passwords, tokens, hashes and the digits of PINs and session codes. */
import { createHash, createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/**
 * scrypt with N = 2^14, r = 8, p = 5: one of the settings OWASP's Password Storage Cheat Sheet gives as
 * equal in strength to its first advice, N = 2^17, r = 8, p = 1. It takes 16 MiB a hash where 2^17 takes
 * 128 MiB; with Node's four hashing threads, 20 sign-ins at once hold 64 MiB instead of 512 MiB, and a
 * hash takes about as long as the previous N = 2^15, r = 8, p = 1 did (docs/security.md has the figures).
 * Each hash keeps its parameters, so older hashes still verify; `needsRehash` says which to replace.
 */
const SCRYPT = { N: 2 ** 14, r: 8, p: 5 } as const;
/** The most memory one verification may take: enough for these parameters and the previous (32 MiB). */
const MAX_MEMORY = 64 * 1024 * 1024;
const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, KEY_LENGTH, { ...SCRYPT, maxmem: MAX_MEMORY });
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made with other parameters than the current ones (it is replaced then). */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(`scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$`);
}

let dummyHash: Promise<string> | undefined;

/** A hash to compare against when the account does not exist, so both answers take as long. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** An unguessable token: 256 random bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** `length` random decimal digits, uniformly drawn. */
export function randomDigits(length: number): string {
  let digits = '';
  for (let i = 0; i < length; i++) digits += String(randomInt(10));
  return digits;
}

/**
 * The end user's link token, derived from the request id with the service's secret key: 192 bits that
 * cannot be guessed without the key. The database keeps only its hash, yet agents can copy the link again.
 */
export class LinkTokens {
  constructor(private readonly key: Buffer) {}

  tokenFor(requestId: string): string {
    return createHmac('sha256', this.key)
      .update(`link:${requestId}`)
      .digest()
      .subarray(0, 24)
      .toString('base64url');
  }
}
