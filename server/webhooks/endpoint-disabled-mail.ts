/**
 * Tells every enabled admin that a webhook endpoint was disabled after failing for a day: an e-mail through
 * the mail outbox, in the transaction that disables it. English: agents have no stored language (the
 * set-password mail is English for the same reason); the words are the catalogue's all the same.
 */
import type { ServiceContext } from '../services/context';
import { iso } from '../services/clock';
import { queueMail } from '../services/mails';
import type { WebhookEndpointRow } from '../store/webhook-rows';

export async function notifyAdminsOfDisabledEndpoint(
  ctx: ServiceContext,
  endpoint: WebhookEndpointRow,
  now: number,
): Promise<void> {
  const { orgName } = await ctx.org();
  const admins = (await ctx.store.agents.list()).filter((a) => !a.disabled && a.roles.includes('admin'));
  for (const admin of admins) {
    await queueMail(
      ctx,
      {
        kind: 'webhook_disabled',
        recipient: admin.email,
        language: 'en',
        payload: {
          agentName: admin.name,
          orgName,
          url: endpoint.url,
          description: endpoint.description,
          failingSince: iso(endpoint.failingSince ?? now),
        },
      },
      now,
    );
  }
  if (admins.length > 0) ctx.store.onCommit(() => ctx.wakeMailer());
}
