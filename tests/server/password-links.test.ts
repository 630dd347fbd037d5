/**
 * Set-password links, end to end against a real service and SMTP listener: an admin creates an agent with
 * a link (or resets a password by e-mail), the mail arrives, the page takes the new password twice, the
 * agent signs in with it, and the link then no longer works; expired, replaced and disabled accounts'
 * links are refused with a page that says what to do; using a reset link ends every sign-in; the form is
 * limited per address. Only the link's hash is kept, and the mail's copy is forgotten once sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, LoginResponse } from '@shared/protocol/api';
import { LIMITS } from '@shared/domain/limits';
import { translator } from '@shared/i18n/translator';
import { sha256 } from '../../server/services/crypto';
import { PASSWORD_LINK_TTL_MS } from '../../server/services/password-links';
import { Limit } from '../../server/services/rate-limits';
import { expectStatus, type Api, type ApiResponse } from '../support/api-client';
import { FORM } from '../support/requests';
import {
  ADMIN,
  createAgent,
  sqliteOnly,
  sqliteDatabase,
  startTestService,
  type TestService,
} from '../support/service-harness';
import type { SmtpListener } from '../support/smtp-listener';
import { escapeHtml, freshAddress } from '../support/mail-text';
import { startServiceWithSmtp } from '../support/smtp-listener';
import { StreamClient } from '../support/stream-client';

const en = translator('en');
const NEW_PASSWORD = 'my brand new passphrase';
const HOUR = 3_600_000;

/**
 * Sign-ins and set-password posts are limited per address; this file makes more of both than a minute's
 * budget allows (the limit itself is tested on its own service at the end).
 */
const generousLimits = {
  loginPerAddress: new Limit(10_000, 60, 'Too many sign-in attempts.'),
  loginAttemptsPerAccount: new Limit(10_000, 60, 'Too many failed sign-ins.'),
  setPasswordPerAddress: new Limit(10_000, 60, 'Too many attempts to set a password.'),
};

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('set-password links', () => {
  let t: TestService;
  let smtp: SmtpListener;

  beforeAll(async () => {
    ({ t, smtp } = await startServiceWithSmtp({ limits: generousLimits }));
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  /** The admin, signed in again: moving the clock by hours outlives any access token. */
  async function admin(): Promise<Api> {
    const login = expectStatus(await t.api.post<LoginResponse>('/auth/login', ADMIN), 200);
    return t.api.as(login.accessToken);
  }

  function signIn(email: string, password: string): Promise<ApiResponse> {
    return t.api.post('/auth/login', { email, password });
  }

  /** The path of the set-password link in the n-th mail to `address` (1-based). */
  async function linkPath(address: string, nth = 1): Promise<string> {
    const mail = (await smtp.mailsTo(address, nth))[nth - 1]!;
    const match = /(https?:\/\/\S+)\/set-password\/([A-Za-z0-9_-]{43})\b/.exec(mail.text ?? '');
    if (!match) throw new Error(`no set-password link in: ${mail.text}`);
    expect(match[1]).toBe(t.url);
    return `/set-password/${match[2]}`;
  }

  async function createWithLink(api: Api, label = 'new'): Promise<Agent> {
    return expectStatus(
      await api.post<Agent>('/agents', {
        email: freshAddress(label),
        name: 'Nadia Link',
        roles: ['support_agent'],
        sendPasswordLink: true,
      }),
      201,
    );
  }

  const open = (path: string) => t.api.call<string>('GET', path);
  const submit = (path: string, password: string, confirm = password) =>
    t.api.call<string>('POST', path, form({ password, confirm }), FORM);

  it('takes an agent from a new account to a password they sign in with, once', async () => {
    const agent = await createWithLink(t.admin);
    const [mail] = await smtp.mailsTo(agent.email, 1);
    expect(mail!.subject).toBe(en.t('setPassword.mail.welcomeSubject'));
    expect(mail!.text).toContain(
      en.t('setPassword.mail.welcome', { orgName: 'Acme IT', email: agent.email }),
    );
    expect(mail!.text).toContain(en.t('setPassword.mail.greeting', { name: 'Nadia Link' }));
    const path = await linkPath(agent.email);
    expect(mail!.html).toContain(`href="${t.url}${path}"`);

    // Nobody can sign in before the password is chosen.
    expect((await signIn(agent.email, NEW_PASSWORD)).status).toBe(401);

    const shown = await open(path);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(shown.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(shown.headers.get('referrer-policy')).toBe('no-referrer');
    expect(shown.body).toContain(escapeHtml(en.t('setPassword.page.intro', { email: agent.email })));
    expect(shown.body).toContain('name="password"');
    expect(shown.body).toContain('name="confirm"');
    expect(shown.body).toMatch(/autocomplete="new-password"/i);

    const mismatch = await submit(path, NEW_PASSWORD, 'something else entirely');
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toContain(
      escapeHtml('The two passwords differ; type the same password in both fields.'),
    );
    expect(mismatch.body).not.toContain(NEW_PASSWORD);

    const short = await submit(path, 'short');
    expect(short.status).toBe(400);
    expect(short.body).toContain('Too short: at least 10 characters.');

    const done = await submit(path, NEW_PASSWORD);
    expect(done.status).toBe(200);
    expect(done.body).toContain(escapeHtml(en.t('setPassword.page.done', { email: agent.email })));
    expect(en.t('setPassword.page.done', { email: agent.email })).toBe(
      `Password set — sign in to Sessiondesk with ${agent.email}.`,
    );

    const login = expectStatus(await signIn(agent.email, NEW_PASSWORD), 200);
    expect(login.agent.id).toBe(agent.id);
    // The audit log says the agent set it with the link, from the address the form came from.
    const audit = expectStatus(await t.admin.get('/audit?type=agent.password_set&limit=1'), 200);
    expect(audit.entries).toEqual([
      expect.objectContaining({
        actor: { kind: 'agent', agentId: agent.id, name: 'Nadia Link' },
        target: { kind: 'agent', id: agent.id, name: 'Nadia Link' },
        address: '127.0.0.1',
        data: { byLink: true },
      }),
    ]);

    for (const again of [await open(path), await submit(path, 'another good password')]) {
      expect(again.status).toBe(410);
      expect(again.body).toContain(escapeHtml(en.t('setPassword.page.used')));
    }
    expect((await signIn(agent.email, 'another good password')).status).toBe(401);
  });

  // It reads the rows from the SQLite file; the PostgreSQL store writes the same through the same service code.
  it.skipIf(sqliteOnly('the link’s hash at rest: it reads the SQLite file’s rows'))(
    'keeps only the link’s hash, and forgets the mail’s copy of it once sent',
    async () => {
      const agent = await createWithLink(t.admin, 'hash');
      const path = await linkPath(agent.email);
      const token = path.slice(path.lastIndexOf('/') + 1);
      const db = sqliteDatabase(t.service);
      const rows = db.prepare('SELECT token_hash FROM password_links WHERE agent_id = ?').all(agent.id);
      expect(rows).toEqual([{ token_hash: sha256(token) }]);
      const deadline = Date.now() + 5_000;
      let payloads: { payload: string; sent_at: number | null }[] = [];
      do {
        payloads = db
          .prepare(`SELECT payload, sent_at FROM outbox WHERE kind = 'password_link' AND recipient = ?`)
          .all(agent.email) as typeof payloads;
        if (payloads.every((p) => p.payload === '{}')) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      } while (Date.now() < deadline);
      expect(payloads).toHaveLength(1);
      expect(payloads[0]!.sent_at).not.toBeNull();
      expect(payloads[0]!.payload).toBe('{}');
    },
  );

  it('refuses to create an agent with both a password and a link, or with neither', async () => {
    const base = { email: freshAddress('both'), name: 'Both' };
    const both = await t.admin.post('/agents', {
      ...base,
      password: 'a long enough password',
      sendPasswordLink: true,
    });
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('invalid_input');
    expect(both.body.error.fields).toEqual([
      {
        field: 'password',
        code: 'password_and_link',
        message: 'Set a password or send a set-password link, not both.',
      },
    ]);

    for (const neither of [base, { ...base, sendPasswordLink: false }]) {
      const response = await t.admin.post('/agents', neither);
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([
        {
          field: 'password',
          code: 'password_or_link',
          message: 'Set an initial password, or send a set-password link by e-mail.',
        },
      ]);
    }
    const agents = expectStatus(await t.admin.get<{ agents: Agent[] }>('/agents'), 200).agents;
    expect(agents.some((a) => a.email === base.email)).toBe(false);
  });

  it('refuses a reset that both sets a password and sends a link', async () => {
    const { agent } = await createAgent(t);
    const response = await t.admin.patch(`/agents/${agent.id}`, {
      password: 'a long enough password',
      sendPasswordLink: true,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toContainEqual({
      field: 'password',
      code: 'password_and_link',
      message: 'Set a password or send a set-password link, not both.',
    });
  });

  it('signs the agent out everywhere once a reset link is used, not before', async () => {
    const { agent, login } = await createAgent(t);
    const stream = await StreamClient.open(t.url, login.accessToken, 0);
    try {
      await stream.waitFor((messages) => messages.some((m) => m.type === 'ready'));
      expectStatus(await t.admin.patch<Agent>(`/agents/${agent.id}`, { sendPasswordLink: true }), 200);
      const [mail] = await smtp.mailsTo(agent.email, 1);
      expect(mail!.subject).toBe(en.t('setPassword.mail.resetSubject'));
      expect(mail!.text).toContain(en.t('setPassword.mail.signsOut'));
      const path = await linkPath(agent.email);

      // Until the link is used, the agent's password and sign-ins keep working.
      const refreshed = expectStatus(
        await t.api.post<LoginResponse>('/auth/refresh', { refreshToken: login.refreshToken }),
        200,
      );
      expect((await signIn(agent.email, 'a long enough password')).status).toBe(200);

      expect((await submit(path, NEW_PASSWORD)).status).toBe(200);

      const afterwards = await t.api.post('/auth/refresh', { refreshToken: refreshed.refreshToken });
      expect(afterwards.status).toBe(401);
      expect((await t.api.as(refreshed.accessToken).get('/me')).status).toBe(401);
      expect(await stream.closed).toEqual({ code: 4401, reason: 'unauthorized' });
      expect((await signIn(agent.email, 'a long enough password')).status).toBe(401);
      expect((await signIn(agent.email, NEW_PASSWORD)).status).toBe(200);
    } finally {
      stream.close();
    }
  });

  it('voids the older link when a newer one is sent', async () => {
    const agent = await createWithLink(t.admin, 'newer');
    const older = await linkPath(agent.email, 1);
    expectStatus(await t.admin.patch(`/agents/${agent.id}`, { sendPasswordLink: true }), 200);
    const newer = await linkPath(agent.email, 2);
    expect(newer).not.toBe(older);

    const dead = await open(older);
    expect(dead.status).toBe(404);
    expect(dead.body).toContain(escapeHtml(en.t('setPassword.page.unknown')));
    expect((await submit(older, NEW_PASSWORD)).status).toBe(404);
    expect((await submit(newer, NEW_PASSWORD)).status).toBe(200);
  });

  it('speaks the first language of Accept-Language the product has, English when it has none', async () => {
    const agent = await createWithLink(t.admin, 'language');
    const path = await linkPath(agent.email);
    const inLanguages = (acceptLanguage: string, at = path) =>
      t.api.call<string>('GET', at, undefined, { 'accept-language': acceptLanguage });

    const german = await inLanguages('ja, de-CH;q=0.8, en;q=0.5');
    const de = translator('de');
    expect(german.body).toContain('<html lang="de">');
    expect(german.body).toContain(escapeHtml(de.t('setPassword.page.intro', { email: agent.email })));
    expect(german.body).toContain(
      de.t('setPassword.page.passwordHint', { min: LIMITS.passwordMin, max: LIMITS.passwordMax }),
    );
    expect(german.body).not.toContain(en.t('setPassword.page.button'));

    const taiwan = await inLanguages('zh-TW');
    expect(taiwan.body).toContain('<html lang="zh-Hant">');
    expect(taiwan.body).toContain(translator('zh-Hant').t('setPassword.page.button'));

    const none = await inLanguages('ja, ko;q=0.5');
    expect(none.body).toContain('<html lang="en">');
    expect(none.body).toContain(en.t('setPassword.page.button'));

    // A link that does not work says so in the browser's language too.
    const dead = await inLanguages('fr-CA', `/set-password/${'z'.repeat(43)}`);
    expect(dead.status).toBe(404);
    expect(dead.body).toContain(escapeHtml(translator('fr').t('setPassword.page.unknown')));
  });

  it('does not work for a disabled account, nor after it is enabled again', async () => {
    const agent = await createWithLink(t.admin, 'disabled');
    const path = await linkPath(agent.email);
    expectStatus(await t.admin.patch(`/agents/${agent.id}`, { disabled: true }), 200);

    const refused = await t.admin.patch(`/agents/${agent.id}`, { sendPasswordLink: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: 'agent_disabled',
      params: { agent: 'Nadia Link' },
      message: 'Nadia Link’s account is disabled: enable it before sending a set-password link.',
    });

    for (const attempt of [await open(path), await submit(path, NEW_PASSWORD)]) {
      expect(attempt.status).toBe(404);
      expect(attempt.body).not.toContain('name="password"');
    }
    expectStatus(await t.admin.patch(`/agents/${agent.id}`, { disabled: false }), 200);
    expect((await submit(path, NEW_PASSWORD)).status).toBe(404);
    expect((await signIn(agent.email, NEW_PASSWORD)).status).toBe(401);

    // Enabling and sending a new link in one change works.
    const other = await createWithLink(t.admin, 'reenabled');
    await smtp.mailsTo(other.email, 1);
    expectStatus(await t.admin.patch(`/agents/${other.id}`, { disabled: true }), 200);
    expectStatus(
      await t.admin.patch(`/agents/${other.id}`, { disabled: false, sendPasswordLink: true }),
      200,
    );
    expect((await submit(await linkPath(other.email, 2), NEW_PASSWORD)).status).toBe(200);
  });

  it('refuses a direct password reset to undo itself through an older link', async () => {
    const agent = await createWithLink(t.admin, 'direct');
    const path = await linkPath(agent.email);
    expectStatus(await t.admin.patch(`/agents/${agent.id}`, { password: 'set by the admin' }), 200);
    expect((await submit(path, NEW_PASSWORD)).status).toBe(404);
    expect((await signIn(agent.email, 'set by the admin')).status).toBe(200);
  });

  it('answers a link that cannot be one with the not-valid page', async () => {
    for (const path of ['/set-password/short', `/set-password/${'A'.repeat(43)}`]) {
      const response = await open(path);
      expect(response.status).toBe(404);
      expect(response.body).toContain(escapeHtml(en.t('setPassword.page.unknown')));
    }
  });

  it('expires a link after 72 hours', async () => {
    expect(PASSWORD_LINK_TTL_MS).toBe(72 * HOUR);
    const agent = await createWithLink(await admin(), 'expiry');
    const path = await linkPath(agent.email);
    const [mail] = await smtp.mailsTo(agent.email, 1);
    expect(mail!.text).toContain('The link works once, until');

    t.clock.advance(PASSWORD_LINK_TTL_MS - 60_000);
    expect((await open(path)).status).toBe(200);

    t.clock.advance(60_000);
    for (const attempt of [await open(path), await submit(path, NEW_PASSWORD)]) {
      expect(attempt.status).toBe(410);
      expect(attempt.body).toContain(escapeHtml(en.t('setPassword.page.expired', { hours: 72 })));
    }
    expect((await signIn(agent.email, NEW_PASSWORD)).status).toBe(401);

    // A new link from an admin works again.
    expectStatus(await (await admin()).patch(`/agents/${agent.id}`, { sendPasswordLink: true }), 200);
    expect((await submit(await linkPath(agent.email, 2), NEW_PASSWORD)).status).toBe(200);
  });
});

describe('the set-password form’s limit per address', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService({
      limits: { setPasswordPerAddress: new Limit(3, 60, 'Too many attempts to set a password.') },
    });
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  it('answers 429 with Retry-After once the budget is spent, whatever the token', async () => {
    const post = (token: string) =>
      t.api.call<string>(
        'POST',
        `/set-password/${token}`,
        form({ password: NEW_PASSWORD, confirm: NEW_PASSWORD }),
        FORM,
      );
    for (let i = 0; i < 3; i++) expect((await post('x'.repeat(43))).status).toBe(404);
    const limited = await post('y'.repeat(43));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toMatch(/Too many attempts\. Wait \d+ seconds and try again\./);
    // Reading the page is not limited.
    expect((await t.api.call('GET', `/set-password/${'x'.repeat(43)}`)).status).toBe(404);
  });
});
