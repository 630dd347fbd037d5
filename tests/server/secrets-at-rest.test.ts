/**
 * What the service keeps on disk about secrets. Mail waiting in the outbox and the answers kept for
 * Idempotency-Key replays hold link tokens, PINs, session codes and set-password links: they are stored
 * sealed with the service's key (secrets.json), and the link token itself appears nowhere in the database
 * files. Mail and answers an older version stored in plain text are sealed at start, still sent and
 * replayed as they were, and the plain text is scrubbed from the files. The database, its WAL and
 * shared-memory files and secrets.json are readable by the owner alone. Everything is read from the
 * service's own files, as anyone holding a copy of them (a backup) would.
 */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Agent } from '@shared/protocol/api';
import { SecretBox } from '../../server/services/crypto';
import { loadOrCreateSecrets } from '../../server/services/secrets';
import { SEALED_PURPOSE } from '../../server/store/rows';
import { expectStatus, type ApiResponse } from '../support/api-client';
import { timeline } from '../support/requests';
import { freshAddress } from '../support/mail-text';
import { unusedPort } from '../support/ports';
import { createAgent, startTestService, tokenOf, type TestService } from '../support/service-harness';
import { SmtpListener } from '../support/smtp-listener';

const HOUR = 3_600_000;
/** Mail cannot be sent (nothing listens on the port) and is retried only an hour later: it stays queued. */
async function mailStaysQueued() {
  return {
    flags: ['--smtp-url', `smtp://127.0.0.1:${await unusedPort()}`],
    outbox: { baseDelayMs: HOUR, maxDelayMs: HOUR, maxAttempts: 8 },
  };
}

let t: TestService | undefined;
let smtp: SmtpListener | undefined;
afterEach(async () => {
  await t?.cleanup();
  await smtp?.stop();
  t = undefined;
  smtp = undefined;
});

const databaseFile = (dataDir: string) => join(dataDir, 'sessiondesk.db');

/** The database file and its WAL, as bytes. */
function databaseBytes(dataDir: string): Buffer {
  const file = databaseFile(dataDir);
  return Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

function stored(dataDir: string): { outbox: string[]; responses: string[] } {
  const db = new Database(databaseFile(dataDir), { readonly: true });
  try {
    return {
      outbox: db
        .prepare<[], { payload: string }>('SELECT payload FROM outbox')
        .all()
        .map((r) => r.payload),
      responses: db
        .prepare<[], { response: string }>('SELECT response FROM idempotency_keys')
        .all()
        .map((r) => r.response),
    };
  } finally {
    db.close();
  }
}

/** What the service's key opens, as the service itself would. */
const boxOf = (dataDir: string) => new SecretBox(loadOrCreateSecrets(dataDir).linkKey);

/** The set-password token in the (sealed) payload of the mail queued for `email`. */
function queuedPasswordToken(dataDir: string, email: string): string {
  const box = boxOf(dataDir);
  const payloads = stored(dataDir).outbox.map((p) => JSON.parse(box.open(p, SEALED_PURPOSE.payload)));
  const link: string = payloads.find((p) => p.email === email).link;
  return tokenOf(link);
}

interface Scenario {
  readonly created: SessionRequest;
  readonly colleague: Agent;
  readonly newcomer: string;
}

const ANA = { recipientName: 'Ana Souza', recipientEmail: 'ana@example.com', sendInvitation: true };

/** Creates Ana's request with the Idempotency-Key the tests replay. */
const createAna = (s: TestService): Promise<ApiResponse<SessionRequest>> =>
  s.admin.post<SessionRequest>(
    '/requests',
    { ...ANA, channelId: s.supportChannel.id },
    { 'idempotency-key': 'create-ana' },
  );

/** An invitation, a technician invitation and a set-password link queued; a create kept for replays. */
async function queueSecrets(s: TestService): Promise<Scenario> {
  const colleague = await createAgent(s, { channels: [{ id: s.supportChannel.id }] });
  const created = expectStatus(await createAna(s), 201);
  expectStatus(await s.admin.post(`/requests/${created.id}/invite`, { agentIds: [colleague.agent.id] }), 200);
  const newcomer = freshAddress('newcomer');
  expectStatus(
    await s.admin.post('/agents', { email: newcomer, name: 'Nia Newcomer', sendPasswordLink: true }),
    201,
  );
  return { created, colleague: colleague.agent, newcomer };
}

/** The queued mail goes out as it was written, and the create is replayed as it was answered. */
async function expectSentAndReplayed(s: TestService, mail: SmtpListener, scenario: Scenario): Promise<void> {
  const { created, colleague, newcomer } = scenario;
  const [invitation] = await mail.mailsTo(ANA.recipientEmail);
  expect(invitation!.text).toContain(created.link);
  expect(invitation!.text).toContain(
    `${created.pin.slice(0, 3)} ${created.pin.slice(3, 6)} ${created.pin.slice(6)}`,
  );
  const [technician] = await mail.mailsTo(colleague.email);
  expect(technician!.text).toContain(created.sessionCode);
  const [welcome] = await mail.mailsTo(newcomer);
  const path = /\/set-password\/[A-Za-z0-9_-]{43}/.exec(welcome!.text ?? '')?.[0];
  expect(path).toBeDefined();
  expect((await s.api.call('GET', path!)).status).toBe(200);

  const replayed = await createAna(s);
  expect(replayed.status).toBe(201);
  expect(replayed.headers.get('idempotent-replayed')).toBe('true');
  expect(replayed.body).toEqual(created);
}

/** Nothing stored in the outbox or for replays shows the link token, the PIN or the session code. */
function expectNothingInPlainText(dataDir: string, created: SessionRequest): void {
  const { outbox, responses } = stored(dataDir);
  expect(outbox.length).toBeGreaterThan(0);
  expect(responses).toHaveLength(1);
  for (const value of [...outbox, ...responses]) {
    expect(value).not.toContain(tokenOf(created.link));
    expect(value).not.toContain(created.pin);
    expect(value).not.toContain(created.sessionCode);
  }
  // Nor anywhere else in the files: only the token's hash is stored.
  expect(databaseBytes(dataDir).includes(tokenOf(created.link))).toBe(false);
}

describe('secrets at rest', () => {
  it('keeps no link token, PIN, session code or set-password token in plain text, yet sends and replays them', async () => {
    t = await startTestService(await mailStaysQueued());
    const scenario = await queueSecrets(t);
    expect(stored(t.dataDir).outbox).toHaveLength(3);
    expectNothingInPlainText(t.dataDir, scenario.created);
    const passwordToken = queuedPasswordToken(t.dataDir, scenario.newcomer);
    expect(databaseBytes(t.dataDir).includes(passwordToken)).toBe(false);

    // An hour later, with an SMTP server to send to, the sealed mail goes out as it was written.
    smtp = await SmtpListener.start();
    await t.stop();
    t.clock.advance(2 * HOUR);
    t = await t.restart({ flags: ['--smtp-url', smtp.url] });
    await expectSentAndReplayed(t, smtp, scenario);
  });

  it('seals what an older version stored in plain text, sends and replays it, and scrubs the files', async () => {
    t = await startTestService(await mailStaysQueued());
    const scenario = await queueSecrets(t);
    await t.stop();

    // The rows as the previous version wrote them: the same JSON, in plain text.
    const box = boxOf(t.dataDir);
    const db = new Database(databaseFile(t.dataDir));
    for (const row of db
      .prepare<[], { id: number; payload: string }>('SELECT id, payload FROM outbox')
      .all()) {
      const plain = box.open(row.payload, SEALED_PURPOSE.payload);
      db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(plain, row.id);
    }
    const keys = db.prepare<[], { agent_id: string; key: string; response: string }>(
      'SELECT agent_id, key, response FROM idempotency_keys',
    );
    for (const row of keys.all()) {
      const plain = box.open(row.response, SEALED_PURPOSE.response);
      db.prepare('UPDATE idempotency_keys SET response = ? WHERE agent_id = ? AND key = ?').run(
        plain,
        row.agent_id,
        row.key,
      );
    }
    db.close();
    expect(databaseBytes(t.dataDir).includes(tokenOf(scenario.created.link))).toBe(true);

    smtp = await SmtpListener.start();
    t.clock.advance(2 * HOUR);
    t = await t.restart({ flags: ['--smtp-url', smtp.url] });
    expectNothingInPlainText(t.dataDir, scenario.created);
    await expectSentAndReplayed(t, smtp, scenario);
  });
});

describe('a queued mail the key no longer opens', () => {
  it('is given up with the reason, and the mail after it still goes', async () => {
    t = await startTestService(await mailStaysQueued());
    const lost = expectStatus(
      await t.admin.post<SessionRequest>('/requests', {
        recipientName: 'Lea Lost',
        recipientEmail: 'lea@example.com',
        sendInvitation: true,
      }),
      201,
    );
    await t.stop();
    // secrets.json replaced, as by restoring the database without it: a new key.
    writeFileSync(join(t.dataDir, 'secrets.json'), JSON.stringify({ linkKey: 'k'.repeat(43) }));

    smtp = await SmtpListener.start();
    t.clock.advance(2 * HOUR);
    t = await t.restart({ flags: ['--smtp-url', smtp.url] });
    expectStatus(
      await t.admin.post('/requests', {
        recipientName: 'Max Next',
        recipientEmail: 'max@example.com',
        sendInvitation: true,
      }),
      201,
    );
    await t.service.outbox.drain();
    expect(await smtp.mailsTo('max@example.com')).toHaveLength(1);
    expect(smtp.messages.some((m) => m.to?.some((to) => to.address === 'lea@example.com'))).toBe(false);
    const failed = (await timeline(t.admin, lost.id)).find((e) => e.type === 'email_failed');
    expect(failed?.data['reason']).toContain('secrets.json');
  });
});

describe('file modes', () => {
  /** Every file the service keeps secrets in, and its permission bits. */
  function modes(dataDir: string): Record<string, string> {
    const names = ['sessiondesk.db', 'sessiondesk.db-wal', 'sessiondesk.db-shm', 'secrets.json'];
    return Object.fromEntries(
      names.map((name) => [name, (statSync(join(dataDir, name)).mode & 0o777).toString(8)]),
    );
  }
  const OWNER_ONLY = {
    'sessiondesk.db': '600',
    'sessiondesk.db-wal': '600',
    'sessiondesk.db-shm': '600',
    'secrets.json': '600',
  };

  it('creates the database, its WAL and shared-memory files and secrets.json readable by the owner alone', async () => {
    t = await startTestService();
    expect(modes(t.dataDir)).toEqual(OWNER_ONLY);
  });

  it('takes the other users’ access away from files an older version left readable', async () => {
    t = await startTestService();
    const { dataDir } = t;
    await t.stop();
    // As a killed older version leaves them: the WAL and shared-memory files still there, all 0644.
    for (const name of Object.keys(OWNER_ONLY)) {
      const file = join(dataDir, name);
      if (!existsSync(file)) writeFileSync(file, '');
      chmodSync(file, 0o644);
    }
    t = await t.restart();
    expect(modes(dataDir)).toEqual(OWNER_ONLY);
  });
});
