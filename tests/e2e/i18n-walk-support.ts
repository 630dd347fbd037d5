/**
 * What the language walk (i18n-walk.spec.ts) needs beside the agent's world: requests in every state the
 * table shows, made through the API as the agent, the admin and the end user's join page would; and a
 * checker that, at each step, fails on the English catalogue's longer phrases in the visible text and
 * keeps a screenshot named after the language and the step.
 */
import { expect, type Page, type TestInfo } from '@playwright/test';
import type { SessionRequest } from '../../shared/domain/session-request';
import { translator, type Language, type Translator } from '../../shared/i18n/translator';
import type { Agent, Channel } from '../../shared/protocol/api';
import type { Api } from '../support/api-client';
import { expectStatus } from '../support/api-client';
import { createRequest, EndUser } from '../support/requests';
import { ADMIN, login, snapshot, type World } from './agent-fixtures';
import { englishIn, englishPhrases, type EnglishPhrase } from './english-phrases';

/** Who each request is for, by what the walk does with it. Names only: no English words in the data. */
export const RECIPIENTS = {
  /** Open, in Dana's Private channel: PIN, Close, Delete, Transfer. */
  open: 'Avery Quinn',
  /** Waiting: the end user opened the link. */
  waiting: 'Blake Moreau',
  /** Waiting, the end user denied. */
  denied: 'Casey Duval',
  /** Ready, with a note: the details and the timeline. */
  ready: 'Drew Novak',
  /** Waiting until the walk has the end user allow it: a notification. */
  allowsLater: 'Jules Petit',
  /** Closed: Past. */
  closed: 'Finley Sato',
  /** Expired: Past. */
  expired: 'Gray Ito',
  /** In the Support channel's queue: Assign. */
  queued: 'Harper Lind',
  /** The admin's, connected, with Dana invited: the row says Invited; Leave and Invite. */
  shared: 'Indigo Marsh',
} as const;

/** A colleague in the Support channel, for the pickers. */
export const RILEY = {
  name: 'Riley Chen',
  email: 'riley.chen@northwind.example',
  password: 'e2e riley password',
} as const;

/** What a note and comments say: a ticket number, no English. */
export const TICKET = 'VPN #4711';

export interface Seeded {
  readonly dana: Agent;
  readonly support: Channel;
  /** The API as Dana. */
  readonly danaApi: Api;
  /** The end user allows access to the request left Waiting for it. */
  allowLater(): Promise<void>;
}

/**
 * The requests of the walk, before the agent's window opens: Dana (the world's support agent) joins the
 * Support channel with the release permission beside a colleague; her requests are Open, Waiting, Denied,
 * Ready with a note, Closed and Expired; one waits in Support's queue; the admin's connected session has
 * her invited.
 */
export async function seed(world: World): Promise<Seeded> {
  const url = world.service.url;
  const admin = await login(url, ADMIN);
  const danaApi = await world.agentApi();
  const dana = expectStatus(await danaApi.get<Agent>('/me'), 200);
  const { channels } = expectStatus(await admin.get<{ channels: Channel[] }>('/channels'), 200);
  const support = channels.find((channel) => channel.kind === 'shared');
  if (!support) throw new Error('the first start created no shared channel');
  expectStatus(await admin.put(`/channels/${support.id}/members/${dana.id}`, { canRelease: true }), 200);
  const riley = expectStatus(await admin.post<Agent>('/agents', { ...RILEY, roles: ['support_agent'] }), 201);
  expectStatus(await admin.put(`/channels/${support.id}/members/${riley.id}`, { canRelease: false }), 200);
  const act = async (api: Api, request: SessionRequest, action: string, body: unknown = {}) =>
    expectStatus(await api.post<SessionRequest>(`/requests/${request.id}/${action}`, body), 200);
  const endUser = (request: SessionRequest) => new EndUser(url, request);

  // First, so that the service's clock has expired it by the time the rest is made.
  const expired = await createRequest(danaApi, RECIPIENTS.expired, undefined, {
    expiresAt: new Date(Date.now() + 1_500).toISOString(),
  });
  await createRequest(danaApi, RECIPIENTS.open, undefined, { comments: TICKET });
  await endUser(await createRequest(danaApi, RECIPIENTS.waiting)).open();
  await (await endUser(await createRequest(danaApi, RECIPIENTS.denied)).open()).deny();
  const ready = await createRequest(danaApi, RECIPIENTS.ready, undefined, { comments: TICKET });
  await (await endUser(ready).open()).allow();
  expectStatus(await danaApi.post(`/requests/${ready.id}/notes`, { text: TICKET }), 200);
  const later = await endUser(await createRequest(danaApi, RECIPIENTS.allowsLater)).open();
  await act(danaApi, await createRequest(danaApi, RECIPIENTS.closed), 'close');
  await createRequest(danaApi, RECIPIENTS.queued, support.id, { assignTo: { type: 'unassigned' } });
  const shared = await createRequest(admin, RECIPIENTS.shared, support.id);
  await (await endUser(shared).open()).allow();
  await act(admin, shared, 'connect');
  await act(admin, shared, 'invite', { agentIds: [dana.id] });
  await expect
    .poll(
      async () => expectStatus(await danaApi.get<SessionRequest>(`/requests/${expired.id}`), 200).status,
      {
        timeout: 15_000,
      },
    )
    .toBe('expired');
  return { dana, support, danaApi, allowLater: () => later.allow() };
}

/** The browser locale whose language the client must pick by itself at its first run. */
export const LOCALES = {
  es: 'es-ES',
  pt: 'pt-BR',
  fr: 'fr-FR',
  de: 'de-DE',
  'zh-Hant': 'zh-TW',
  'zh-Hans': 'zh-CN',
} as const satisfies Partial<Record<Language, string>>;
export type WalkLanguage = keyof typeof LOCALES;

/**
 * The walk's eyes: the translator of the language on screen, and at each step the visible text searched
 * for English and a screenshot kept. A step with English fails the test at its end (soft), naming the
 * step and each phrase with its message id, so one run lists every screen that still needs words.
 */
export class LanguageWalk {
  private phrases: EnglishPhrase[];
  t: Translator;

  constructor(
    private readonly page: Page,
    private readonly testInfo: TestInfo,
    public language: WalkLanguage,
  ) {
    this.t = translator(language);
    this.phrases = englishPhrases(language);
  }

  /** The agent chose another language: its words from now on. */
  switchTo(language: WalkLanguage): void {
    this.language = language;
    this.t = translator(language);
    this.phrases = englishPhrases(language);
  }

  /** Checks what the window shows now for English and keeps its picture as `i18n-<lang>-<step>`. */
  async step(name: string, page: Page = this.page): Promise<void> {
    const visible = await page.locator('body').innerText();
    const english = englishIn(visible, this.phrases).map((phrase) => `“${phrase.text}” (${phrase.id})`);
    expect.soft(english, `English on the step “${name}” in ${this.language}`).toEqual([]);
    await snapshot(page, this.testInfo, `i18n-${this.language}-${name}`);
  }
}
