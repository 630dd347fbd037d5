/** Passwords, tokens, hashes, the digits of PINs and session codes, and secrets encrypted at rest. */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { promisify } from 'node:util';
import type { Sealer } from '../store/rows';

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

const SEALED = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts what the database keeps that holds secrets (mail waiting to be sent, answers kept for
 * Idempotency-Key replays): AES-256-GCM with a key derived from the service's secret key, so a copy of
 * the database alone reveals no link, PIN, session code or set-password link. `purpose` is bound to the
 * ciphertext: one kind of value cannot be passed off as another.
 */
export class SecretBox implements Sealer {
  readonly prefix = SEALED;
  private readonly key: Buffer;

  constructor(serviceKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', serviceKey, Buffer.alloc(0), 'sessiondesk values at rest', 32));
  }

  seal(plaintext: string, purpose: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(purpose));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return SEALED + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The plaintext; throws if the value was not sealed with this key for this purpose. */
  open(stored: string, purpose: string): string {
    if (!stored.startsWith(SEALED)) throw new Error('The value is not sealed.');
    const bytes = Buffer.from(stored.slice(SEALED.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES))
      .setAAD(Buffer.from(purpose))
      .setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }
}
