/**
 * What the outbox stores for each kind of e-mail: the template's data, rendered in the recipient's
 * language when the message is sent. Times are ISO strings.
 */
import { z } from 'zod';

export const invitationPayload = z.object({
  recipientName: z.string(),
  agentName: z.string(),
  orgName: z.string(),
  link: z.string(),
  pin: z.string(),
  pinUrl: z.string(),
  comments: z.string(),
  expiresAt: z.string(),
  scheduledAt: z.string().nullable(),
  // Added later: messages queued before have neither, and show no instructions.
  remoteAppName: z.string().default(''),
  remoteAppInstructions: z.string().default(''),
});
export type InvitationPayload = z.infer<typeof invitationPayload>;

export const updatePayload = z.object({
  reason: z.enum(['rescheduled', 'closed']),
  recipientName: z.string(),
  agentName: z.string(),
  orgName: z.string(),
  link: z.string(),
  expiresAt: z.string(),
  scheduledAt: z.string().nullable(),
});
export type UpdatePayload = z.infer<typeof updatePayload>;

export const technicianInvitationPayload = z.object({
  inviteeName: z.string(),
  inviterName: z.string(),
  recipientName: z.string(),
  orgName: z.string(),
  joinUrl: z.string(),
  sessionCode: z.string(),
});
export type TechnicianInvitationPayload = z.infer<typeof technicianInvitationPayload>;

/** To an agent: the link to choose a password (a new account's, or a reset). Forgotten once sent. */
export const passwordLinkPayload = z.object({
  reason: z.enum(['welcome', 'reset']),
  agentName: z.string(),
  email: z.string(),
  orgName: z.string(),
  link: z.string(),
  expiresAt: z.string(),
});
export type PasswordLinkPayload = z.infer<typeof passwordLinkPayload>;

/** To each admin: a webhook endpoint failed for a day and was disabled (issue 17). */
export const webhookDisabledPayload = z.object({
  agentName: z.string(),
  orgName: z.string(),
  url: z.string(),
  description: z.string(),
  failingSince: z.string(),
});
export type WebhookDisabledPayload = z.infer<typeof webhookDisabledPayload>;

/** To the end user: an agent's chat message (issue 19), with the link to answer on the join page. */
export const chatMessagePayload = z.object({
  recipientName: z.string(),
  agentName: z.string(),
  orgName: z.string(),
  text: z.string(),
  link: z.string(),
});
export type ChatMessagePayload = z.infer<typeof chatMessagePayload>;

export type MailPayload =
  | ({ kind: 'invitation' } & InvitationPayload)
  | ({ kind: 'update' } & UpdatePayload)
  | ({ kind: 'technician_invitation' } & TechnicianInvitationPayload)
  | ({ kind: 'password_link' } & PasswordLinkPayload)
  | ({ kind: 'webhook_disabled' } & WebhookDisabledPayload)
  | ({ kind: 'chat_message' } & ChatMessagePayload)
  | ({ kind: 'satisfaction' } & SatisfactionPayload);

/** To the end user after their request was closed: "How did we do?", with the page that asks it (issue 19). */
export const satisfactionPayload = z.object({
  recipientName: z.string(),
  agentName: z.string(),
  orgName: z.string(),
  link: z.string(),
});
export type SatisfactionPayload = z.infer<typeof satisfactionPayload>;
