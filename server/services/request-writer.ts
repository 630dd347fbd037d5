/**
 * Every change to a request goes through here: in one transaction it takes the next seq, writes the row,
 * its timeline events and any e-mail to send; after the commit it publishes the change to the live feed
 * and wakes the mailer. Nothing is published that was not committed, and nothing committed goes unpublished.
 */
import { randomUUID } from 'node:crypto';
import type { Change, TimelineActor, TimelineEventType } from '@shared/protocol/api';
import type { EmailLanguage } from '@shared/domain/languages';
import type { SessionRequest } from '@shared/domain/session-request';
import type { LiveHub } from '../live/hub';
import type { EventRow, RequestRow } from '../store/requests-store';
import type { MailKind } from '../store/outbox-store';
import type { Store } from '../store/store';
import { iso, type Clock } from './clock';
import { loadWireRequest, type LinkBuilder } from './request-view';
import { storedEventJson, storedRequestJson } from './wire-json';

export interface NewEvent {
  readonly type: TimelineEventType;
  readonly actor: TimelineActor;
  readonly data?: EventRow['data'];
}

export interface NewMail {
  readonly kind: MailKind;
  readonly recipient: string;
  readonly language: EmailLanguage;
  readonly payload: unknown;
}

export type RequestPatch = Partial<
  Pick<
    RequestRow,
    | 'status'
    | 'consent'
    | 'consentLapsesAt'
    | 'channelId'
    | 'assigneeId'
    | 'remote'
    | 'scheduledAt'
    | 'expiresAt'
    | 'reminded'
  >
>;

export interface WriterDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly links: LinkBuilder;
  readonly hub: LiveHub;
  readonly wakeMailer: () => void;
  /** Domain of Message-IDs, from the public URL. */
  readonly mailDomain: () => string;
}

export class RequestWriter {
  private readonly afterCommit: (() => void)[] = [];
  private mailQueued = false;
  readonly now: number;

  constructor(private readonly deps: WriterDeps) {
    this.now = deps.clock.now();
  }

  /** A new request, at a new seq. */
  insert(
    row: Omit<RequestRow, 'seq' | 'createdAt' | 'updatedAt'>,
    events: NewEvent[],
    mails: NewMail[] = [],
  ) {
    const seq = this.deps.store.requests.nextSeq();
    const stored: RequestRow = { ...row, seq, createdAt: this.now, updatedAt: this.now };
    const request = loadWireRequest(this.deps.store, stored, this.deps.links);
    this.deps.store.requests.insert(stored, storedRequestJson(request));
    return this.finish(stored, request, events, mails);
  }

  /** The request changed: write `patch` at a new seq with its events (participants are written before). */
  change(row: RequestRow, patch: RequestPatch, events: NewEvent[], mails: NewMail[] = []) {
    const seq = this.deps.store.requests.nextSeq();
    const stored: RequestRow = { ...row, ...patch, seq, updatedAt: this.now };
    const request = loadWireRequest(this.deps.store, stored, this.deps.links);
    this.deps.store.requests.update(stored, storedRequestJson(request));
    return this.finish(stored, request, events, mails);
  }

  /** The request leaves `channelId` (moved away): agents who see only that channel drop it. */
  tombstone(requestId: string, channelId: string): void {
    const seq = this.deps.store.requests.nextSeq();
    this.deps.store.requests.addTombstone(seq, requestId, channelId, this.now);
    const change: Change = { type: 'tombstone', seq, requestId };
    this.afterCommit.push(() => this.deps.hub.publish(channelId, change));
  }

  /** The request is deleted, with its timeline; unsent mail about it is cancelled. */
  delete(row: RequestRow): void {
    this.tombstone(row.id, row.channelId);
    this.deps.store.requests.delete(row.id);
    this.deps.store.outbox.cancelForRequest(row.id, this.now, 'The request was deleted.');
    this.afterCommit.push(() => this.deps.hub.requestGone(row.id));
  }

  /** `request` is the row as the feed sends it, snapshot after its participants and connections. */
  private finish(row: RequestRow, request: SessionRequest, events: NewEvent[], mails: NewMail[]): RequestRow {
    const { store } = this.deps;
    const written = events.map((e) => {
      const event = {
        requestId: row.id,
        seq: row.seq,
        at: iso(this.now),
        type: e.type,
        actor: e.actor,
        data: e.data ?? {},
      };
      const { id } = store.requests.addEvent({ ...event, at: this.now }, storedEventJson(event));
      return { id, ...event };
    });
    for (const mail of mails) {
      store.outbox.enqueue({
        requestId: row.id,
        ...mail,
        messageId: `<${randomUUID()}@${this.deps.mailDomain()}>`,
        now: this.now,
      });
      this.mailQueued = true;
    }
    // Snapshot inside the transaction: the published change is the state at this seq.
    const change: Change = { type: 'request', seq: row.seq, request, events: written };
    this.afterCommit.push(() => this.deps.hub.publish(row.channelId, change));
    return row;
  }

  /** Called once the transaction has committed. */
  publish(): void {
    for (const run of this.afterCommit) run();
    if (this.mailQueued) this.deps.wakeMailer();
  }
}

/** Runs `work` in a transaction with a fresh writer, and publishes what it wrote once committed. */
export function withWriter<T>(deps: WriterDeps, work: (writer: RequestWriter) => T): T {
  const writer = new RequestWriter(deps);
  const result = deps.store.transaction(() => work(writer));
  writer.publish();
  return result;
}
