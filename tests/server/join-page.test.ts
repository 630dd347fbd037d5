/**
 * The end-user join page over HTTP, against a real service: the language it is written in (the one chosen
 * for the request, sent or not, else the browser's — also for requests stored before that rule), every form
 * and stream address from the site root (a page shown again after an error is at another address), what
 * the page says and does without JavaScript, and every language's words for where the ID field is.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_LANGUAGES, type EmailLanguage } from '@shared/domain/languages';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Organisation } from '@shared/protocol/api';
import { translator } from '@shared/i18n/translator';
import { NO_SCRIPT_REFRESH_SECONDS } from '../../server/join/page';
import { expectStatus } from '../support/api-client';
import { createRequest, FORM } from '../support/requests';
import { sqliteOnly, startTestService, tokenOf, type TestService } from '../support/service-harness';

const en = translator('en');

function page(t: TestService, request: SessionRequest, acceptLanguage: string) {
  return t.api.call<string>('GET', `/j/${tokenOf(request.link)}`, undefined, {
    'accept-language': acceptLanguage,
  });
}

function langOf(html: string): string | undefined {
  return /<html lang="([^"]+)"/.exec(html)?.[1];
}

/** Every address a page posts to, listens on, or goes to when the request changes. */
function addresses(html: string): string[] {
  return [...html.matchAll(/\b(?:action|formAction|data-live|data-page)="([^"]*)"/gi)].map((m) => m[1]!);
}

describe('the join page', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t.cleanup());

  describe('its language', () => {
    it('is the one chosen for the request, even without an invitation and whatever the browser', async () => {
      const request = await createRequest(t.admin, 'Lucía', undefined, { emailLanguage: 'es' });
      expect(request.sendInvitation).toBe(false);
      const html = (await page(t, request, 'fr-FR,fr;q=0.9')).body;
      expect(langOf(html)).toBe('es');
      expect(html).toContain(translator('es').t('joinPage.allowButton'));
    });

    it('is the browser’s when nobody chose one (an API client leaving emailLanguage out)', async () => {
      const request = await createRequest(t.admin, 'Camille');
      // The e-mail language is still English, for an invitation sent later.
      expect(request.emailLanguage).toBe('en');
      expect(langOf((await page(t, request, 'fr-FR,fr;q=0.9')).body)).toBe('fr');
      expect(langOf((await page(t, request, 'de')).body)).toBe('de');
    });

    it('is the chosen one on a page shown again after an error', async () => {
      const request = await createRequest(t.admin, 'Jonas', undefined, { emailLanguage: 'de' });
      const token = tokenOf(request.link);
      await page(t, request, 'en');
      const refused = await t.api.call<string>('POST', `/j/${token}/allow`, 'remoteId=', {
        ...FORM,
        'accept-language': 'en',
      });
      expect(refused.status).toBe(400);
      expect(langOf(refused.body)).toBe('de');
      expect(refused.body).toContain(translator('de').t('joinPage.remoteIdMissing', { appName: 'RustDesk' }));
    });
  });

  describe('after an error', () => {
    it('says what is missing, keeps every address from the site root, and focuses the field', async () => {
      const request = await createRequest(t.admin, 'Jordan');
      const token = tokenOf(request.link);
      const first = (await page(t, request, 'en')).body;
      expect(addresses(first).sort()).toEqual(
        [
          `/j/${token}`,
          `/j/${token}/allow`,
          `/j/${token}/deny`,
          `/j/${token}/live`,
          `/j/${token}/messages`,
        ].sort(),
      );

      const refused = await t.api.call<string>('POST', `/j/${token}/allow`, 'remoteId=--help', {
        ...FORM,
        'accept-language': 'en',
      });
      expect(refused.status).toBe(400);
      // The same addresses as the first page, though this one is at /j/<token>/allow.
      expect(addresses(refused.body).sort()).toEqual(addresses(first).sort());
      expect(refused.body).toContain(en.t('joinPage.remoteIdInvalid'));
      expect(refused.body).toMatch(
        /<input [^>]*aria-describedby="remoteId-error remoteId-hint"[^>]*autofocus=""/,
      );
      expect(refused.body).toContain(
        `<title>${en.t('joinPage.errorTitle', { title: en.t('joinPage.title') })} · Acme IT</title>`,
      );

      const empty = await t.api.call<string>('POST', `/j/${token}/allow`, 'remoteId=%20', {
        ...FORM,
        'accept-language': 'en',
      });
      expect(empty.body).toContain(en.t('joinPage.remoteIdMissing', { appName: 'RustDesk' }));
      expect(empty.body).not.toContain(
        `class="error" role="alert">${en.t('joinPage.remoteIdHint', { appName: 'RustDesk' })}`,
      );
    });

    it('on the PIN page too: the form posts to /pin wherever the page is shown', async () => {
      const refused = await t.api.call<string>('POST', '/pin', 'pin=12', {
        ...FORM,
        'accept-language': 'en',
      });
      expect(refused.status).toBe(400);
      expect(addresses(refused.body)).toEqual(['/pin']);
      expect(refused.body).toMatch(/<input [^>]*aria-describedby="pin-error pin-hint"[^>]*autofocus=""/);
    });
  });

  describe('without JavaScript', () => {
    const refresh = `<noscript><meta http-equiv="refresh" content="${NO_SCRIPT_REFRESH_SECONDS}"/></noscript>`;

    it('refreshes while it waits on the agent, and says so; the prompt says how to see changes instead', async () => {
      const request = await createRequest(t.admin, 'Noor');
      const token = tokenOf(request.link);
      const prompt = (await page(t, request, 'en')).body;
      expect(prompt).not.toContain('http-equiv="refresh"');
      // "Updates by itself" is true only with the script, which puts it in place of what is true without.
      expect(prompt).toContain(
        `data-live-note="${en.t('joinPage.live')}">${en.t('joinPage.liveReload')}</p>`,
      );

      await t.api.call('POST', `/j/${token}/allow`, 'remoteId=123456789', FORM);
      const ready = (await page(t, request, 'en')).body;
      expect(ready).toContain(refresh);
      expect(ready).toContain(en.t('joinPage.liveRefreshes', { seconds: NO_SCRIPT_REFRESH_SECONDS }));

      await t.api.call('POST', `/j/${token}/deny`, '', FORM);
      await t.api.call('POST', `/j/${token}/end`, '', FORM);
      expect((await page(t, request, 'en')).body).toContain(refresh);

      // A closed request never changes again: no refresh, nothing to say about it.
      expectStatus(await t.admin.post(`/requests/${request.id}/close`), 200);
      const closed = (await page(t, request, 'en')).body;
      expect(closed).not.toContain('http-equiv="refresh"');
      expect(closed).not.toContain('live-note');
    });
  });
});

// Its data comes from a SQLite file rewritten to an older schema; PostgreSQL starts at the current one.
describe.skipIf(sqliteOnly('a request stored before: it rewrites the SQLite file to an older schema'))(
  'a request stored before the page followed the chosen language',
  () => {
    let t: TestService | undefined;
    afterEach(async () => {
      await t?.cleanup();
      t = undefined;
    });

    it('keeps the page it had: the invitation’s language when one was sent, else the browser’s', async () => {
      t = await startTestService();
      const invited = await createRequest(t.admin, 'Jonas', undefined, {
        recipientEmail: 'jonas@example.com',
        sendInvitation: true,
        emailLanguage: 'de',
      });
      const notInvited = await createRequest(t.admin, 'Lucía', undefined, { emailLanguage: 'es' });
      await t.stop();

      // The database as the version before this one left it (schema version 3, without the tables and
      // columns of migrations 4 to 17; the newest undone first).
      const raw = new Database(join(t.dataDir, 'sessiondesk.db'));
      raw.exec(`
      DROP TABLE stream_tickets;
      DROP TABLE sms_outbox;
      DROP TABLE sms_gateway;
      ALTER TABLE requests DROP COLUMN recipient_phone;
      DROP TABLE request_ratings;
      ALTER TABLE organisation DROP COLUMN satisfaction_email;
      ALTER TABLE organisation DROP COLUMN require_close_outcome;
      DROP TABLE canned_messages;
      DROP TABLE sso_agents;
      DROP TABLE sso_policy;
      DROP TABLE sso_group_mappings;
      DROP TABLE sso_sign_ins;
      DROP TABLE sso_codes;
      DROP TABLE sso_attempts;
      DROP TABLE sign_in_challenges;
      DROP TABLE two_factor_recovery_codes;
      DROP TABLE two_factor;
      ALTER TABLE organisation DROP COLUMN require_two_factor;
      DROP TABLE request_facts;
      DROP TABLE audit_log;
      ALTER TABLE organisation DROP COLUMN audit_retention_days;
      DROP TABLE webhook_deliveries;
      DROP TABLE webhook_endpoints;
      DROP INDEX requests_by_external_ref;
      ALTER TABLE requests DROP COLUMN external_url;
      ALTER TABLE requests DROP COLUMN external_id;
      ALTER TABLE requests DROP COLUMN external_system;
      ALTER TABLE request_events DROP COLUMN on_behalf_of_name;
      ALTER TABLE request_events DROP COLUMN on_behalf_of_id;
      DROP TABLE integration_tokens;
      DROP INDEX requests_events_json_missing;
      ALTER TABLE requests DROP COLUMN events_json;
      DROP INDEX requests_wire_missing;
      DROP INDEX request_events_wire_missing;
      ALTER TABLE requests DROP COLUMN wire_json;
      ALTER TABLE request_events DROP COLUMN wire_json;
      DROP INDEX requests_consent_lapses;
      ALTER TABLE requests DROP COLUMN consent_lapses_at;
      ALTER TABLE requests DROP COLUMN language_chosen;
      ALTER TABLE organisation DROP COLUMN consent_grace_minutes;
      PRAGMA user_version = 3;
    `);
      raw.close();

      t = await t.restart();
      expect(langOf((await page(t, invited, 'fr')).body)).toBe('de');
      expect(langOf((await page(t, notInvited, 'fr')).body)).toBe('fr');
      expect(expectStatus(await t.admin.get<Organisation>('/organisation'), 200).consentGraceMinutes).toBe(
        10,
      );
    });
  },
);

describe('every language’s step 3', () => {
  // Step 3 is above the field it talks about: the words for "below", and for "above" (what it said).
  const WHERE: Record<EmailLanguage, { below: string; above: string }> = {
    en: { below: 'below', above: 'above' },
    es: { below: 'abajo', above: 'arriba' },
    pt: { below: 'abaixo', above: 'acima' },
    fr: { below: 'ci-dessous', above: 'ci-dessus' },
    de: { below: 'unten', above: 'oben' },
    'zh-Hant': { below: '下方', above: '上方' },
    'zh-Hans': { below: '下方', above: '上方' },
  };

  it.each(EMAIL_LANGUAGES)('%s points down to the field', (language) => {
    const step = translator(language).t('joinPage.stepAllow');
    expect(step).toContain(WHERE[language].below);
    expect(step).not.toContain(WHERE[language].above);
  });
});
