/**
 * How passwords are stored: scrypt with N = 2^14, r = 8, p = 5 (one of the settings OWASP gives as equal
 * to N = 2^17, r = 8, p = 1), its parameters kept with each hash. A hash made with older parameters still
 * verifies, and is replaced by one with the current parameters at the agent's next successful sign-in.
 * The hashes are read from, and an old one written into, the service's own database file.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '@shared/protocol/api';
import { dummyPasswordHash } from '../../server/services/crypto';
import { expectStatus } from '../support/api-client';
import { createAgent, startTestService, type TestService } from '../support/service-harness';

const PASSWORD = 'a long enough password'; // the one createAgent gives
const CURRENT = /^scrypt\$16384\$8\$5\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/;

let t: TestService;
let db: Database.Database;

beforeAll(async () => {
  t = await startTestService();
  db = new Database(join(t.dataDir, 'sessiondesk.db'));
  db.pragma('busy_timeout = 5000');
});

afterAll(async () => {
  db.close();
  await t.cleanup();
});

const storedHash = (agentId: string) =>
  db
    .prepare<[string], { password_hash: string }>('SELECT password_hash FROM agents WHERE id = ?')
    .get(agentId)!.password_hash;

/** A hash as the previous version made them: scrypt N = 2^15, r = 8, p = 1. */
function oldHash(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

const signIn = (email: string, password: string) =>
  t.api.post<LoginResponse>('/auth/login', { email, password });

describe('password hashes', () => {
  it('are made with N = 2^14, r = 8, p = 5, for new agents and for the unknown-account comparison', async () => {
    const agent = await createAgent(t);
    expect(storedHash(agent.agent.id)).toMatch(CURRENT);
    // An unknown e-mail is compared against a hash as costly as a real one.
    expect(await dummyPasswordHash()).toMatch(CURRENT);
  });

  it('made with the old parameters still verify, and are replaced at the next successful sign-in', async () => {
    const agent = await createAgent(t);
    const before = oldHash(PASSWORD);
    db.prepare('UPDATE agents SET password_hash = ? WHERE id = ?').run(before, agent.agent.id);

    // A wrong password changes nothing.
    expect((await signIn(agent.agent.email, 'not the password')).status).toBe(401);
    expect(storedHash(agent.agent.id)).toBe(before);

    expectStatus(await signIn(agent.agent.email, PASSWORD), 200);
    const after = storedHash(agent.agent.id);
    expect(after).toMatch(CURRENT);

    // The new hash is of the same password.
    expectStatus(await signIn(agent.agent.email, PASSWORD), 200);
    expect((await signIn(agent.agent.email, 'not the password')).status).toBe(401);
    expect(storedHash(agent.agent.id)).toBe(after);
  });
});
