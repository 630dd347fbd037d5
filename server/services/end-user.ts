/**
 * The end user's side, without an account: the link (or PIN) is the capability. Opening it moves Open →
 * Waiting; Allow access → Ready; Deny → Waiting, denied; End access (Ready or Connected, at any time) →
 * Waiting, denied, with nobody connected any more.
 */
import type { Consent, RequestStatus } from '@shared/domain/status';
import type { EmailLanguage } from '@shared/domain/languages';
import { transition, type RequestEvent } from '@shared/domain/transitions';
import type { ConsentEventType, RequestRow } from '../store/rows';
import type { ServiceContext } from './context';
import { chatLines, type ChatLine } from './conversation';
import { chatIsOpen } from '@shared/domain/conversation';
import { sha256 } from './crypto';
import type { ExpiryService } from './expiry';
import { requestState, systemEvents, writeState } from './request-state';
import { withWriter, type NewEvent } from './request-writer';

/** What the join page shows. */
export interface JoinView {
  readonly requestId: string;
  readonly status: RequestStatus;
  readonly consent: Consent;
  readonly recipientName: string;
  readonly comments: string;
  readonly agentName: string;
  /** The language chosen for the request (sent or not): the page follows it, else the browser's. */
  readonly language: EmailLanguage | null;
  readonly expiresAt: number;
  readonly remote: string | null;
  /** When the permission lapses, on a Ready request after a session. */
  readonly consentLapsesAt: number | null;
  /** The latest change of consent: tells "you ended access" from "you denied", a lapse from a first ask. */
  readonly lastConsentEvent: ConsentEventType | null;
  /** The chat with the agents (issue 19), oldest first, while it is open (chatIsOpen); else empty. */
  readonly chat: readonly ChatLine[];
}

export type EndUserOutcome =
  | { readonly ok: true; readonly view: JoinView }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'refused'; readonly code: string; readonly view: JoinView };

export class EndUserService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly expiry: ExpiryService,
  ) {}

  /** GET /j/<token>: the page was opened. */
  open(token: string): Promise<EndUserOutcome> {
    return this.apply(token, { type: 'link_opened' }, 'link_opened');
  }

  allow(token: string, remoteId: string | undefined): Promise<EndUserOutcome> {
    return this.apply(token, { type: 'allow' }, 'allowed', remoteId);
  }

  deny(token: string): Promise<EndUserOutcome> {
    return this.apply(token, { type: 'deny' }, 'denied');
  }

  /** End access: the permission ends at once, during a session too. */
  endAccess(token: string): Promise<EndUserOutcome> {
    return this.apply(token, { type: 'end_access' }, 'access_ended');
  }

  /** The current state, without changing anything (the live page's updates). */
  async peek(token: string): Promise<JoinView | null> {
    const row = await this.ctx.store.requests.getByTokenHash(sha256(token));
    return row ? await this.view(row) : null;
  }

  /** The link token for a live request's PIN, or null. */
  async tokenForPin(pin: string): Promise<string | null> {
    const row = await this.ctx.store.requests.getLiveByPin(pin);
    return row ? this.ctx.links.tokenFor(row.id) : null;
  }

  private async apply(
    token: string,
    event: RequestEvent,
    eventType: NewEvent['type'],
    remoteId?: string,
  ): Promise<EndUserOutcome> {
    const { store } = this.ctx;
    const found = await store.requests.getByTokenHash(sha256(token));
    if (!found) return { ok: false, reason: 'not_found' };
    await this.expiry.applyDue(found.id);
    return withWriter(this.ctx, async (writer): Promise<EndUserOutcome> => {
      const row = await store.requests.get(found.id);
      if (!row) return { ok: false, reason: 'not_found' };
      const before = await requestState(store, row);
      const result = transition(before, event, writer.now);
      if (!result.ok)
        return { ok: false, reason: 'refused', code: result.error.code, view: await this.view(row) };
      if (!result.changed && remoteId === undefined) return { ok: true, view: await this.view(row) };
      const remote = event.type === 'allow' && remoteId !== undefined ? remoteId : row.remote;
      const actor = { kind: 'end_user' } as const;
      const events: NewEvent[] = result.changed
        ? [
            { type: eventType, actor, data: remoteId ? { remote: remoteId } : {} },
            ...systemEvents(before, result.state),
          ]
        : [];
      const after = await writer.change(
        row,
        { ...(await writeState(store, row.id, result.state, writer.now)), remote },
        events,
      );
      return { ok: true, view: await this.view(after) };
    });
  }

  private async view(row: RequestRow): Promise<JoinView> {
    const agentId = row.assigneeId ?? row.createdBy;
    return {
      requestId: row.id,
      status: row.status,
      consent: row.consent,
      recipientName: row.recipientName,
      comments: row.comments,
      agentName: (await this.ctx.store.agents.get(agentId))?.name ?? '',
      language: row.languageChosen ? row.emailLanguage : null,
      expiresAt: row.expiresAt,
      remote: row.remote,
      consentLapsesAt: row.consentLapsesAt,
      lastConsentEvent: await this.ctx.store.requests.lastConsentEvent(row.id),
      chat: chatIsOpen(row.status) ? chatLines(await this.ctx.store.requests.events(row.id)) : [],
    };
  }
}
