/** The e-mails a change causes, built from the request (or the agent) and who acts; the outbox sends them. */
import { randomUUID } from 'node:crypto';
import { joinUrl } from '@shared/protocol/join-url';
import type { AgentRow, RequestRow } from '../store/rows';
import type { MailPayload } from '../mail/payloads';
import { iso } from './clock';
import type { ServiceContext } from './context';
import type { NewMail } from './request-writer';

type Payload<K extends MailPayload['kind']> = Omit<Extract<MailPayload, { kind: K }>, 'kind'>;

export async function invitationMail(
  ctx: ServiceContext,
  row: RequestRow,
  agent: Pick<AgentRow, 'name'>,
): Promise<NewMail> {
  const org = await ctx.org();
  const payload: Payload<'invitation'> = {
    recipientName: row.recipientName,
    agentName: agent.name,
    orgName: org.orgName,
    link: ctx.links.linkFor(row.id),
    pin: row.pin,
    pinUrl: `${ctx.publicUrl()}/pin`,
    comments: row.comments,
    expiresAt: iso(row.expiresAt),
    scheduledAt: row.scheduledAt === null ? null : iso(row.scheduledAt),
    remoteAppName: org.remoteAppName,
    remoteAppInstructions: org.remoteAppInstructions,
  };
  return { kind: 'invitation', recipient: row.recipientEmail ?? '', language: row.emailLanguage, payload };
}

/** Tells the end user the request was rescheduled, or closed before anyone connected. */
export async function updateMail(
  ctx: ServiceContext,
  row: RequestRow,
  agent: Pick<AgentRow, 'name'>,
  reason: 'rescheduled' | 'closed',
): Promise<NewMail> {
  const payload: Payload<'update'> = {
    reason,
    recipientName: row.recipientName,
    agentName: agent.name,
    orgName: (await ctx.org()).orgName,
    link: ctx.links.linkFor(row.id),
    expiresAt: iso(row.expiresAt),
    scheduledAt: row.scheduledAt === null ? null : iso(row.scheduledAt),
  };
  return { kind: 'update', recipient: row.recipientEmail ?? '', language: row.emailLanguage, payload };
}

/** An agent's chat message to the end user (issue 19), in the request's language, with the link to answer. */
export async function chatMessageMail(
  ctx: ServiceContext,
  row: RequestRow,
  agent: Pick<AgentRow, 'name'>,
  text: string,
): Promise<NewMail> {
  const payload: Payload<'chat_message'> = {
    recipientName: row.recipientName,
    agentName: agent.name,
    orgName: (await ctx.org()).orgName,
    text,
    link: ctx.links.linkFor(row.id),
  };
  return { kind: 'chat_message', recipient: row.recipientEmail ?? '', language: row.emailLanguage, payload };
}

/** "How did we do?" to the end user of a closed request: the link to their page, which asks it. */
export async function satisfactionMail(
  ctx: ServiceContext,
  row: RequestRow,
  agent: Pick<AgentRow, 'name'>,
): Promise<NewMail> {
  const payload: Payload<'satisfaction'> = {
    recipientName: row.recipientName,
    agentName: agent.name,
    orgName: (await ctx.org()).orgName,
    link: ctx.links.linkFor(row.id),
  };
  return { kind: 'satisfaction', recipient: row.recipientEmail ?? '', language: row.emailLanguage, payload };
}

/** Invites another agent to the collaborative session: the join URL and the 8-digit code. */
export async function technicianInvitationMail(
  ctx: ServiceContext,
  row: RequestRow,
  invitee: Pick<AgentRow, 'name' | 'email'>,
  inviter: Pick<AgentRow, 'name'>,
): Promise<NewMail> {
  const payload: Payload<'technician_invitation'> = {
    inviteeName: invitee.name,
    inviterName: inviter.name,
    recipientName: row.recipientName,
    orgName: (await ctx.org()).orgName,
    joinUrl: joinUrl(row.sessionCode),
    sessionCode: row.sessionCode,
  };
  // Agents read the product in English; the end user's language is for the end user.
  return { kind: 'technician_invitation', recipient: invitee.email, language: 'en', payload };
}

/** A set-password link for an agent: a new account's first password, or a reset. English, as agents read. */
export async function passwordLinkMail(
  ctx: ServiceContext,
  agent: Pick<AgentRow, 'name' | 'email'>,
  link: { url: string; expiresAt: number; reason: 'welcome' | 'reset' },
): Promise<NewMail> {
  const payload: Payload<'password_link'> = {
    reason: link.reason,
    agentName: agent.name,
    email: agent.email,
    orgName: (await ctx.org()).orgName,
    link: link.url,
    expiresAt: iso(link.expiresAt),
  };
  return { kind: 'password_link', recipient: agent.email, language: 'en', payload };
}

/** Queues mail that belongs to no request (inside the caller's transaction; the caller wakes the mailer). */
export async function queueMail(ctx: ServiceContext, mail: NewMail, now: number): Promise<void> {
  await ctx.store.outbox.enqueue({
    requestId: null,
    ...mail,
    messageId: `<${randomUUID()}@${ctx.mailDomain()}>`,
    now,
  });
}
