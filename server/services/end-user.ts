/**
 * The end user's side, without an account: the link (or PIN) is the capability. Opening it moves Open →
 * Waiting; Allow access → Ready; Deny → Waiting, denied.
 */
import type { Consent, RequestStatus } from '@shared/domain/status';
import type { EmailLanguage } from '@shared/domain/languages';
import { transition, type RequestEvent } from '@shared/domain/transitions';
import type { RequestRow } from '../store/requests-store';
import type { ServiceContext } from './context';
import { sha256 } from './crypto';
import type { ExpiryService } from './expiry';
import { withWriter, type NewEvent } from './request-writer';

/** What the join page shows. */
export interface JoinView {
  readonly requestId: string;
  readonly status: RequestStatus;
  readonly consent: Consent;
  readonly recipientName: string;
  readonly comments: string;
  readonly agentName: string;
  /** The invitation e-mail's language when one was sent: the page follows it, else the browser's. */
  readonly language: EmailLanguage | null;
  readonly expiresAt: number;
  readonly remote: string | null;
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
  open(token: string): EndUserOutcome {
    return this.apply(token, { type: 'link_opened' }, 'link_opened');
  }

  allow(token: string, remoteId: string | undefined): EndUserOutcome {
    return this.apply(token, { type: 'allow' }, 'allowed', remoteId);
  }

  deny(token: string): EndUserOutcome {
    return this.apply(token, { type: 'deny' }, 'denied');
  }

  /** The current state, without changing anything (the live page's updates). */
  peek(token: string): JoinView | null {
    const row = this.ctx.store.requests.getByTokenHash(sha256(token));
    return row ? this.view(row) : null;
  }

  /** The link token for a live request's PIN, or null. */
  tokenForPin(pin: string): string | null {
    const row = this.ctx.store.requests.getLiveByPin(pin);
    return row ? this.ctx.links.tokenFor(row.id) : null;
  }

  private apply(
    token: string,
    event: RequestEvent,
    eventType: NewEvent['type'],
    remoteId?: string,
  ): EndUserOutcome {
    const { store } = this.ctx;
    const found = store.requests.getByTokenHash(sha256(token));
    if (!found) return { ok: false, reason: 'not_found' };
    this.expiry.expireIfDue(found.id);
    return withWriter(this.ctx, (writer): EndUserOutcome => {
      const row = store.requests.get(found.id);
      if (!row) return { ok: false, reason: 'not_found' };
      const result = transition(
        {
          status: row.status,
          consent: row.consent,
          expiresAt: row.expiresAt,
          connectedAgentIds: store.requests.connectedAgentIds(row.id),
          deleted: false,
        },
        event,
        writer.now,
      );
      if (!result.ok) return { ok: false, reason: 'refused', code: result.error.code, view: this.view(row) };
      if (!result.changed && remoteId === undefined) return { ok: true, view: this.view(row) };
      const remote = event.type === 'allow' && remoteId !== undefined ? remoteId : row.remote;
      const after = writer.change(
        row,
        { status: result.state.status, consent: result.state.consent, remote },
        result.changed
          ? [{ type: eventType, actor: { kind: 'end_user' }, data: remoteId ? { remote: remoteId } : {} }]
          : [],
      );
      return { ok: true, view: this.view(after) };
    });
  }

  private view(row: RequestRow): JoinView {
    const agentId = row.assigneeId ?? row.createdBy;
    return {
      requestId: row.id,
      status: row.status,
      consent: row.consent,
      recipientName: row.recipientName,
      comments: row.comments,
      agentName: this.ctx.store.agents.get(agentId)?.name ?? '',
      language: row.sendInvitation ? row.emailLanguage : null,
      expiresAt: row.expiresAt,
      remote: row.remote,
    };
  }
}
