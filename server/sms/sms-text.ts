/**
 * The texts the service sends by SMS, in the request's language. The invitation says who asks, the link and
 * the PIN, and is made to fit one segment where it can (shared/domain/sms.ts counts): with the
 * organisation's name if that still fits one segment, else without it (the link and PIN matter; a long
 * name should not turn one message into two). When even the short form takes more than one segment (a long
 * public URL; Chinese, whose UCS-2 segment holds 70 characters of which the link takes most), the short
 * form goes, in as few segments as it can: gateways join the parts on the phone.
 */
import type { EmailLanguage } from '@shared/domain/languages';
import { smsLength } from '@shared/domain/sms';
import { translator } from '@shared/i18n/translator';

export interface InvitationFacts {
  readonly orgName: string;
  readonly link: string;
  readonly pin: string;
}

export function invitationSms(language: EmailLanguage, facts: InvitationFacts): string {
  const i18n = translator(language);
  const full = i18n.t('sms.invitation.full', { orgName: facts.orgName, link: facts.link, pin: facts.pin });
  const short = i18n.t('sms.invitation.short', { link: facts.link, pin: facts.pin });
  return smsLength(full).segments <= smsLength(short).segments ? full : short;
}

export function testSms(language: EmailLanguage, orgName: string): string {
  return translator(language).t('sms.test', { orgName });
}
