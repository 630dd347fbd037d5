/**
 * What agents do to a request: POST /requests/{id}/{action} and POST /join. Each action is checked by the
 * shared rules (permission → 403, state → 409), then applied in one transaction through the writer.
 */
import { checkAction, type ActionContext } from '@shared/domain/actions';
import { missingCloseFields, type CloseOutcome } from '@shared/domain/conversation';
import { ownershipAfterLeave } from '@shared/domain/collaboration';
import { consentGraceMs } from '@shared/domain/consent';
import type { AgentAccess, RequestAction } from '@shared/domain/permissions';
import type { SessionRequest } from '@shared/domain/session-request';
import type { ExternalRef } from '@shared/protocol/integrations';
import { transition, type RequestEvent, type RequestState } from '@shared/domain/transitions';
import { canAccessChannel, isEligibleAgent } from '@shared/domain/permissions';
import { checkRequestTimes } from '@shared/schemas/request-input';
import { fieldIssue } from '@shared/schemas/validation';
import type { AgentRow, ChannelRow, ParticipantRow, RequestRow } from '../store/rows';
import { agentAccess, loadChannel, toChannelAccess } from './access';
import { iso } from './clock';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { idempotentWrite, remember, replayed } from './idempotency';
import {
  chatMessageMail,
  invitationMail,
  satisfactionMail,
  technicianInvitationMail,
  updateMail,
} from './mails';
import { domainError } from '@shared/domain/errors';
import { requestState, systemEvents, writeState } from './request-state';
import { loadWireRequest } from './request-view';
import {
  withWriter,
  type NewEvent,
  type NewMail,
  type RequestPatch,
  type RequestWriter,
} from './request-writer';
import type { RequestService } from './requests';
import type { ExpiryService } from './expiry';
import { timelineActor } from './integration-tokens';
import { maskPhone } from '@shared/domain/sms';
import { queueSms } from '../sms/sms-service';
import { invitationSms } from '../sms/sms-text';

function sameExternalRef(a: ExternalRef | null, b: ExternalRef | null): boolean {
  return a === null || b === null ? a === b : a.system === b.system && a.id === b.id && a.url === b.url;
}

export type ActionInput =
  | { readonly type: 'assign'; readonly agentId: string }
  | {
      readonly type: 'transfer';
      readonly agentId?: string;
      readonly channelId?: string;
      readonly note?: string;
    }
  | { readonly type: 'release'; readonly note?: string }
  | { readonly type: 'pickup' }
  | { readonly type: 'invite'; readonly agentIds: readonly string[] }
  | { readonly type: 'leave' }
  | { readonly type: 'end' }
  | { readonly type: 'connect' }
  | { readonly type: 'disconnect' }
  | { readonly type: 'rerequest' }
  | { readonly type: 'close'; readonly outcome?: CloseOutcome; readonly wrapUp?: string }
  | { readonly type: 'note'; readonly text: string }
  /** A chat message to the end user (issue 19); `byEmail` also mails it to them. */
  | { readonly type: 'message'; readonly text: string; readonly byEmail: boolean; readonly bySms: boolean }
  | { readonly type: 'resend' }
  | { readonly type: 'reschedule'; readonly scheduledAt: string | null; readonly expiresAt?: string }
  | { readonly type: 'set_external_ref'; readonly externalRef: ExternalRef | null }
  | { readonly type: 'sms_invitation' }
  | { readonly type: 'set_recipient_phone'; readonly recipientPhone: string | null }
  | { readonly type: 'delete' };

/** Every action but delete: those leave a request to answer with. */
export type UpdateInput = Exclude<ActionInput, { type: 'delete' }>;

/** Everything an action needs, read inside its transaction. */
interface Loaded {
  readonly actor: AgentRow;
  readonly access: AgentAccess;
  readonly row: RequestRow;
  readonly channel: ChannelRow;
  readonly participants: ParticipantRow[];
  readonly state: RequestState;
}

export class RequestActions {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly requests: RequestService,
    private readonly expiry: ExpiryService,
  ) {}

  /**
   * Applies the action; the request as it is afterwards. With an idempotency key, a replay answers the
   * first result without applying it again (a note sent twice after a crash is written once).
   */
  async act(
    actor: AgentRow,
    requestId: string,
    input: UpdateInput,
    idempotencyKey?: string,
  ): Promise<{ readonly request: SessionRequest; readonly replayed: boolean }> {
    const write = idempotentWrite(actor.id, idempotencyKey, { requestId, input });
    const { store } = this.ctx;
    const first = write && (await replayed(store, write));
    if (first) return { request: first, replayed: true };
    return this.apply(actor, requestId, input, async (after, now) => {
      if (!after) throw new Error(`action ${input.type} removed the request`);
      // Inside the action's transaction, so two concurrent replays cannot both apply.
      const again = write && (await replayed(store, write));
      if (again) return { request: again, replayed: true };
      if (write) await remember(store, write, 200, after, now);
      return { request: after, replayed: false };
    });
  }

  /** DELETE /requests/{id}. */
  async remove(actor: AgentRow, requestId: string): Promise<void> {
    await this.apply(actor, requestId, { type: 'delete' }, () => undefined);
  }

  /** Checks and applies the action, then hands the request as it is after (null: deleted) to `finish`, all in one transaction. */
  private async apply<T>(
    actor: AgentRow,
    requestId: string,
    input: ActionInput,
    finish: (after: SessionRequest | null, now: number) => T,
  ): Promise<T> {
    // What the clock made due happens first (expiry, a lapsed permission), so the action meets the state
    // the clock says the request is in.
    await this.expiry.applyDue(requestId);
    return withWriter(this.ctx, async (writer) => {
      const loaded = await this.load(actor, requestId);
      const { action, apply } = await this.plan(loaded, input, writer);
      const after = await apply(await this.enforce(loaded, action, writer.now));
      return finish(after && (await loadWireRequest(this.ctx.store, after, this.ctx.links)), writer.now);
    });
  }

  /**
   * POST /join: another agent joins the collaborative session by its 8-digit code. A live code in a
   * channel the agent may not see answers exactly as a code no session has, so guessing tells nothing of
   * which codes are live; an agent who may see the request is told why it cannot be joined.
   */
  async joinByCode(actor: AgentRow, sessionCode: string): Promise<SessionRequest> {
    const noSession = () => ServiceError.notFound('session');
    const { store } = this.ctx;
    const found = await store.requests.getLiveBySessionCode(sessionCode);
    const visible =
      found &&
      canAccessChannel(
        await agentAccess(store, actor),
        toChannelAccess(await loadChannel(store, found.channelId)),
      ).allowed;
    if (!found || !visible) throw noSession();
    await this.expiry.expireIfDue(found.id);
    return withWriter(this.ctx, async (writer) => {
      const loaded = await this.load(actor, found.id);
      await this.enforce(loaded, { type: 'join' }, writer.now);
      await store.requests.addParticipant(found.id, actor.id, 'joined', writer.now);
      const after = await writer.change(loaded.row, {}, [{ type: 'joined', actor: this.by(actor) }]);
      return loadWireRequest(store, after, this.ctx.links);
    });
  }

  private async load(actor: AgentRow, requestId: string): Promise<Loaded> {
    const { store } = this.ctx;
    const row = await this.requests.visibleRow(actor, requestId);
    return {
      actor,
      access: await agentAccess(store, actor),
      row,
      channel: await loadChannel(store, row.channelId),
      participants: await store.requests.participants(row.id),
      state: await requestState(store, row),
    };
  }

  /** Checks the action against the shared rules; the state-machine event it causes, if any. */
  private async enforce(loaded: Loaded, action: RequestAction, now: number): Promise<RequestEvent | null> {
    const context: ActionContext = {
      request: {
        channelId: loaded.row.channelId,
        assigneeId: loaded.row.assigneeId,
        createdBy: loaded.row.createdBy,
        participantIds: loaded.participants.map((p) => p.agentId),
      },
      channel: toChannelAccess(loaded.channel),
      state: loaded.state,
      recipientEmail: loaded.row.recipientEmail,
      recipientPhone: loaded.row.recipientPhone,
      ...(action.type === 'sms_invitation'
        ? { smsConfigured: (await this.ctx.store.sms.gateway()) !== undefined }
        : {}),
      consentGraceMs: await this.consentGraceMs(),
    };
    const check = checkAction(loaded.access, action, context, now);
    if (!check.allowed) {
      throw check.kind === 'permission'
        ? ServiceError.forbidden(check.error)
        : ServiceError.conflict(check.error);
    }
    return check.event;
  }

  /** The organisation's grace after a session, which a last disconnect starts. */
  private async consentGraceMs(): Promise<number> {
    return consentGraceMs((await this.ctx.org()).consentGraceMinutes);
  }

  private by(actor: AgentRow) {
    return timelineActor(actor);
  }

  private async agent(agentId: string): Promise<AgentRow> {
    const agent = await this.ctx.store.agents.get(agentId);
    if (!agent) throw ServiceError.notFound('agent');
    return agent;
  }

  /** The domain action to check, and how to apply it once allowed. */
  private async plan(
    loaded: Loaded,
    input: ActionInput,
    writer: RequestWriter,
  ): Promise<{ action: RequestAction; apply: (event: RequestEvent | null) => Promise<RequestRow | null> }> {
    const { store } = this.ctx;
    const { actor, row, state } = loaded;
    const by = this.by(actor);
    const now = writer.now;
    const stateChange = (
      type: RequestAction['type'],
      events: NewEvent[],
      mails: () => Promise<NewMail[]> = () => Promise.resolve([]),
    ) => ({
      action: { type } as RequestAction,
      apply: async (event: RequestEvent | null) => {
        if (!event) throw new Error(`${type} causes no state-machine event`);
        const result = transition(state, event, now);
        if (!result.ok) throw ServiceError.conflict(result.error);
        // A harmless repeat (the connected agent's Connect again) changes nothing and records nothing.
        if (!result.changed) return row;
        const patch = await writeState(store, row.id, result.state, now);
        return writer.change(row, patch, [...events, ...systemEvents(state, result.state)], await mails());
      },
    });
    const closingMail = async (): Promise<NewMail[]> =>
      row.sendInvitation && row.recipientEmail && !(await store.requests.everConnected(row.id))
        ? [await updateMail(this.ctx, row, actor, 'closed')]
        : [];
    // "How did we do?" by e-mail when the organisation asks it (issue 19), after a session: a request nobody
    // connected to had no help to rate (its end user is told it was closed instead: closingMail).
    const surveyOf = async () => {
      const surveyed =
        (await store.organisation.get())?.satisfactionEmail === true &&
        row.recipientEmail !== null &&
        (await store.requests.everConnected(row.id));
      const to = row.recipientEmail;
      return {
        events: surveyed
          ? [{ type: 'email_queued', actor: by, data: { kind: 'satisfaction', to } } as const]
          : [],
        mails: async (): Promise<NewMail[]> =>
          surveyed ? [await satisfactionMail(this.ctx, row, actor)] : [],
      };
    };
    const withoutParticipant = async (agentId: string) => {
      if (loaded.participants.some((p) => p.agentId === agentId))
        await store.requests.removeParticipant(row.id, agentId);
    };

    switch (input.type) {
      case 'connect':
        return stateChange('connect', [{ type: 'connected', actor: by }]);
      case 'disconnect':
        return stateChange('disconnect', [{ type: 'disconnected', actor: by }]);
      case 'rerequest':
        return stateChange('rerequest', [{ type: 'access_requested_again', actor: by }]);
      case 'close': {
        const org = await store.organisation.get();
        const wrapUp = input.wrapUp?.trim() ?? '';
        const data = { ...(input.outcome ? { outcome: input.outcome } : {}), ...(wrapUp ? { wrapUp } : {}) };
        const survey = await surveyOf();
        const change = stateChange(
          'close',
          [{ type: 'closed', actor: by, data }, ...survey.events],
          async () => [...(await closingMail()), ...(await survey.mails())],
        );
        return {
          action: change.action,
          // Once allowed (a request already closed is a 409, not a missing outcome).
          apply: (event: RequestEvent | null) => {
            const missing = missingCloseFields(input, org?.requireCloseOutcome === true);
            if (missing.length > 0) throw ServiceError.invalid(missing.map((f) => fieldIssue(f, 'required')));
            return change.apply(event);
          },
        };
      }
      case 'end': {
        // End session closes too: the survey goes as for a close (it takes no outcome; see the README).
        const survey = await surveyOf();
        return stateChange('end', [{ type: 'ended', actor: by }, ...survey.events], async () => [
          ...(await closingMail()),
          ...(await survey.mails()),
        ]);
      }

      case 'note':
        return {
          action: { type: 'note' },
          apply: () => writer.change(row, {}, [{ type: 'note', actor: by, data: { text: input.text } }]),
        };

      case 'message':
        return {
          action: { type: 'message' },
          apply: async () => {
            const events: NewEvent[] = [
              {
                type: 'message',
                actor: by,
                data: { text: input.text, from: 'agent', byEmail: input.byEmail, bySms: input.bySms },
              },
            ];
            if (input.byEmail && !row.recipientEmail) {
              throw ServiceError.conflict(domainError('no_recipient_email'));
            }
            // Also by text message: refused (no phone, no gateway) before anything is written.
            if (input.bySms) events.push(await queueSms(this.ctx, row, 'message', input.text, by));
            if (!input.byEmail || !row.recipientEmail) return writer.change(row, {}, events);
            return writer.change(
              row,
              {},
              [
                ...events,
                { type: 'email_queued', actor: by, data: { kind: 'chat_message', to: row.recipientEmail } },
              ],
              [await chatMessageMail(this.ctx, row, actor, input.text)],
            );
          },
        };

      case 'resend':
        return {
          action: { type: 'resend' },
          apply: async () => {
            const sender = row.assigneeId ? await this.agent(row.assigneeId) : actor;
            return writer.change(
              row,
              {},
              [{ type: 'email_queued', actor: by, data: { kind: 'invitation', to: row.recipientEmail } }],
              [await invitationMail(this.ctx, row, sender)],
            );
          },
        };

      case 'sms_invitation':
        return {
          action: { type: 'sms_invitation' },
          apply: async () => {
            const text = invitationSms(row.emailLanguage, {
              orgName: (await this.ctx.org()).orgName,
              link: this.ctx.links.linkFor(row.id),
              pin: row.pin,
            });
            return writer.change(row, {}, [await queueSms(this.ctx, row, 'invitation', text, by)]);
          },
        };

      case 'set_recipient_phone':
        return {
          action: { type: 'set_recipient_phone' },
          apply: async () => {
            // The same number again changes nothing and records nothing.
            if (row.recipientPhone === input.recipientPhone) return row;
            const to = input.recipientPhone === null ? null : maskPhone(input.recipientPhone);
            return writer.change(row, { recipientPhone: input.recipientPhone }, [
              { type: 'recipient_phone_changed', actor: by, data: { to } },
            ]);
          },
        };

      case 'assign':
      case 'transfer': {
        if (input.type === 'transfer' && input.channelId)
          return this.planMove(loaded, input.channelId, input.note, writer);
        const agentId = input.agentId!;
        const target = await this.agent(agentId);
        const note = input.type === 'transfer' ? input.note : undefined;
        return {
          action:
            input.type === 'assign'
              ? { type: 'assign', target: await agentAccess(store, target) }
              : { type: 'transfer_to_agent', target: await agentAccess(store, target) },
          apply: async () => {
            await withoutParticipant(target.id);
            const data = {
              agentId: target.id,
              agentName: target.name,
              previousAgentId: row.assigneeId,
              ...(note ? { note } : {}),
            };
            const type = input.type === 'assign' ? 'assigned' : 'transferred';
            return writer.change(row, { assigneeId: target.id }, [{ type, actor: by, data }]);
          },
        };
      }

      case 'release':
        return {
          action: { type: 'release' },
          apply: () =>
            writer.change(row, { assigneeId: null }, [
              {
                type: 'released',
                actor: by,
                data: { agentId: row.assigneeId, ...(input.note ? { note: input.note } : {}) },
              },
            ]),
        };

      case 'pickup':
        return {
          action: { type: 'pickup' },
          apply: async () => {
            await withoutParticipant(actor.id);
            return writer.change(row, { assigneeId: actor.id }, [{ type: 'picked_up', actor: by }]);
          },
        };

      case 'invite': {
        const targets: AgentRow[] = [];
        const access: AgentAccess[] = [];
        for (const id of input.agentIds) {
          const target = await this.agent(id);
          targets.push(target);
          access.push(await agentAccess(store, target));
        }
        return {
          action: { type: 'invite', targets: access },
          apply: async () => {
            const mails: NewMail[] = [];
            for (const target of targets) {
              await store.requests.addParticipant(row.id, target.id, 'invited', now);
              mails.push(await technicianInvitationMail(this.ctx, row, target, actor));
            }
            return writer.change(
              row,
              {},
              [
                {
                  type: 'invited',
                  actor: by,
                  data: { agentIds: targets.map((t) => t.id), agentNames: targets.map((t) => t.name) },
                },
              ],
              mails,
            );
          },
        };
      }

      case 'leave':
        return { action: { type: 'leave' }, apply: () => this.applyLeave(loaded, writer) };

      case 'reschedule':
        return {
          action: { type: 'reschedule' },
          apply: async () => {
            const scheduledAt = input.scheduledAt === null ? null : Date.parse(input.scheduledAt);
            const expiresAt = input.expiresAt === undefined ? row.expiresAt : Date.parse(input.expiresAt);
            const issues = checkRequestTimes({ scheduledAt, expiresAt }, now);
            if (issues.length > 0) throw ServiceError.invalid(issues);
            const next = { ...row, scheduledAt, expiresAt };
            const mails =
              row.sendInvitation && row.recipientEmail
                ? [await updateMail(this.ctx, next, actor, 'rescheduled')]
                : [];
            return writer.change(
              row,
              { scheduledAt, expiresAt, reminded: false },
              [
                {
                  type: 'rescheduled',
                  actor: by,
                  data: {
                    scheduledAt: scheduledAt === null ? null : iso(scheduledAt),
                    expiresAt: iso(expiresAt),
                  },
                },
              ],
              mails,
            );
          },
        };

      case 'set_external_ref': {
        const next = input.externalRef;
        return {
          action: { type: 'set_external_ref' },
          apply: async () => {
            // The same reference again changes nothing and records nothing (a ticketing system's retry).
            if (sameExternalRef(row.externalRef, next)) return row;
            const data = { system: next?.system ?? null, id: next?.id ?? null, url: next?.url ?? null };
            return writer.change(row, { externalRef: next }, [
              { type: 'external_ref_changed', actor: by, data },
            ]);
          },
        };
      }

      case 'delete':
        return {
          action: { type: 'delete' },
          apply: async () => {
            await writer.delete(row);
            this.ctx.log.info({ requestId: row.id, agentId: actor.id }, 'session request deleted');
            return null;
          },
        };
    }
  }

  /** Transfer to another channel: the request leaves its channel (a tombstone there) and enters the other. */
  private async planMove(loaded: Loaded, channelId: string, note: string | undefined, writer: RequestWriter) {
    const { store } = this.ctx;
    const { actor, row } = loaded;
    const target = await loadChannel(store, channelId);
    const targetAccess = toChannelAccess(target);
    return {
      action: { type: 'transfer_to_channel', targetChannel: targetAccess } as RequestAction,
      apply: async () => {
        const eligible = async (agentId: string) =>
          isEligibleAgent(await agentAccess(store, await this.agent(agentId)), targetAccess).allowed;
        // The assignee keeps it if they work in the new channel; otherwise it waits in its queue.
        const assigneeId = row.assigneeId && (await eligible(row.assigneeId)) ? row.assigneeId : null;
        const dropped: string[] = [];
        for (const { agentId } of loaded.participants) if (!(await eligible(agentId))) dropped.push(agentId);
        for (const agentId of dropped) await store.requests.removeParticipant(row.id, agentId);
        await writer.tombstone(row.id, row.channelId);
        return writer.change(row, { channelId: target.id, assigneeId }, [
          {
            type: 'transferred',
            actor: this.by(actor),
            data: {
              channelId: target.id,
              channelName: target.name,
              previousChannelId: row.channelId,
              previousAgentId: row.assigneeId,
              agentId: assigneeId,
              removedAgentIds: dropped,
              ...(note ? { note } : {}),
            },
          },
        ]);
      },
    };
  }

  /** Leave (GoToAssist): the session goes on without the agent; the owner hands over to a participant. */
  private async applyLeave(loaded: Loaded, writer: RequestWriter): Promise<RequestRow> {
    const { store } = this.ctx;
    const { actor, row, state } = loaded;
    const by = this.by(actor);
    const events: NewEvent[] = [];
    let patch: RequestPatch = {};
    if (state.connectedAgentIds.includes(actor.id)) {
      const disconnect = {
        type: 'disconnect',
        agentId: actor.id,
        consentGraceMs: await this.consentGraceMs(),
      } as const;
      const result = transition(state, disconnect, writer.now);
      if (result.ok) {
        patch = await writeState(store, row.id, result.state, writer.now);
        events.push({ type: 'disconnected', actor: by }, ...systemEvents(state, result.state));
      }
    }
    const before = {
      assigneeId: row.assigneeId,
      participants: loaded.participants.map((p) => ({ agentId: p.agentId, via: p.via, since: iso(p.since) })),
    };
    const after = ownershipAfterLeave(before, actor.id);
    await store.requests.removeParticipant(row.id, actor.id);
    if (after.assigneeId !== row.assigneeId && after.assigneeId !== null) {
      await store.requests.removeParticipant(row.id, after.assigneeId);
    }
    events.push({ type: 'left', actor: by });
    if (row.assigneeId === actor.id) {
      const successor = after.assigneeId ? await this.agent(after.assigneeId) : null;
      events.push({
        type: 'owner_changed',
        actor: by,
        data: { agentId: successor?.id ?? null, agentName: successor?.name ?? null },
      });
    }
    return writer.change(row, { ...patch, assigneeId: after.assigneeId }, events);
  }
}
