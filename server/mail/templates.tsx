/**
 * The e-mails, in the recipient's language, as plain text and HTML. HTML is rendered with React on the
 * server, so every value from a request or the settings (names, comments, instructions) is escaped.
 * Times are in UTC and say so: the service does not know the recipient's time zone.
 */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { EmailLanguage } from '@shared/domain/languages';
import { translator } from '@shared/i18n/translator';
import { LineBreaks } from '../join/line-breaks';
import { formatUtcDateTime } from '../join/utc-date-time';
import type { MailKind } from '../store/rows';
import {
  chatMessagePayload,
  invitationPayload,
  passwordLinkPayload,
  satisfactionPayload,
  technicianInvitationPayload,
  updatePayload,
  webhookDisabledPayload,
} from './payloads';

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** One block of an e-mail: a paragraph (on several lines for `lines`), a link, or a code set apart. */
type Block =
  | { readonly kind: 'p'; readonly text: string }
  | { readonly kind: 'lines'; readonly text: string }
  | { readonly kind: 'quote'; readonly text: string }
  | { readonly kind: 'link'; readonly href: string }
  | { readonly kind: 'code'; readonly text: string };

const p = (text: string): Block => ({ kind: 'p', text });

export function renderMail(kind: MailKind, language: EmailLanguage, rawPayload: string): RenderedMail {
  const i18n = translator(language);
  const when = (at: string) => formatUtcDateTime(i18n, at);
  const payload: unknown = JSON.parse(rawPayload);
  let subject: string;
  let blocks: Block[];
  let signature: string;

  switch (kind) {
    case 'invitation': {
      const d = invitationPayload.parse(payload);
      const { agentName, orgName } = d;
      subject = i18n.t('mail.invitation.subject', { agentName, orgName });
      signature = i18n.t('mail.signature', { orgName });
      blocks = [
        p(i18n.t('mail.greeting', { name: d.recipientName })),
        p(i18n.t('mail.invitation.intro', { agentName, orgName })),
        ...(d.comments
          ? [p(i18n.t('mail.invitation.commentsLabel')), { kind: 'quote', text: d.comments } as const]
          : []),
        p(i18n.t('mail.invitation.linkIntro')),
        { kind: 'link', href: d.link },
        p(i18n.t('mail.invitation.pinIntro', { pinUrl: d.pinUrl })),
        { kind: 'code', text: `${d.pin.slice(0, 3)} ${d.pin.slice(3, 6)} ${d.pin.slice(6)}` },
        ...(d.remoteAppInstructions
          ? [
              p(i18n.t('joinPage.stepsHeading', { appName: d.remoteAppName })),
              { kind: 'lines', text: d.remoteAppInstructions } as const,
            ]
          : []),
        ...(d.scheduledAt ? [p(i18n.t('mail.invitation.scheduled', { when: when(d.scheduledAt) }))] : []),
        p(i18n.t('mail.invitation.expires', { when: when(d.expiresAt) })),
        p(i18n.t('mail.invitation.ignore')),
      ];
      break;
    }
    case 'update': {
      const d = updatePayload.parse(payload);
      const { agentName } = d;
      signature = i18n.t('mail.signature', { orgName: d.orgName });
      if (d.reason === 'rescheduled') {
        subject = i18n.t('mail.rescheduled.subject', { agentName });
        blocks = [
          p(i18n.t('mail.greeting', { name: d.recipientName })),
          p(i18n.t('mail.rescheduled.body', { agentName })),
          p(
            d.scheduledAt
              ? i18n.t('mail.rescheduled.scheduled', { when: when(d.scheduledAt) })
              : i18n.t('mail.rescheduled.unscheduled'),
          ),
          p(i18n.t('mail.rescheduled.expires', { when: when(d.expiresAt) })),
          p(i18n.t('mail.rescheduled.linkIntro')),
          { kind: 'link', href: d.link },
        ];
      } else {
        subject = i18n.t('mail.closed.subject');
        blocks = [
          p(i18n.t('mail.greeting', { name: d.recipientName })),
          p(i18n.t('mail.closed.body', { agentName })),
          p(i18n.t('mail.closed.help')),
        ];
      }
      break;
    }
    case 'technician_invitation': {
      const d = technicianInvitationPayload.parse(payload);
      const { inviterName } = d;
      subject = i18n.t('mail.technician.subject', { inviterName });
      signature = i18n.t('mail.signature', { orgName: d.orgName });
      blocks = [
        p(i18n.t('mail.greeting', { name: d.inviteeName })),
        p(i18n.t('mail.technician.intro', { inviterName, recipientName: d.recipientName })),
        p(i18n.t('mail.technician.joinLink')),
        { kind: 'link', href: d.joinUrl },
        p(i18n.t('mail.technician.code')),
        { kind: 'code', text: `${d.sessionCode.slice(0, 4)} ${d.sessionCode.slice(4)}` },
      ];
      break;
    }
    case 'password_link': {
      const d = passwordLinkPayload.parse(payload);
      const { orgName, email } = d;
      const welcome = d.reason === 'welcome';
      subject = welcome ? i18n.t('setPassword.mail.welcomeSubject') : i18n.t('setPassword.mail.resetSubject');
      signature = i18n.t('setPassword.mail.signature', { orgName });
      blocks = [
        p(i18n.t('setPassword.mail.greeting', { name: d.agentName })),
        p(
          welcome
            ? i18n.t('setPassword.mail.welcome', { orgName, email })
            : i18n.t('setPassword.mail.reset', { orgName, email }),
        ),
        p(i18n.t('setPassword.mail.linkIntro')),
        { kind: 'link', href: d.link },
        p(i18n.t('setPassword.mail.expires', { when: when(d.expiresAt) })),
        ...(welcome ? [] : [p(i18n.t('setPassword.mail.signsOut'))]),
        p(i18n.t('setPassword.mail.ignore')),
      ];
      break;
    }
    case 'chat_message': {
      const d = chatMessagePayload.parse(payload);
      const { agentName } = d;
      subject = i18n.t('mail.chat.subject', { agentName });
      signature = i18n.t('mail.signature', { orgName: d.orgName });
      // The message is text: a quote, escaped in the HTML part like every value, never rendered as markup.
      blocks = [
        p(i18n.t('mail.greeting', { name: d.recipientName })),
        p(i18n.t('mail.chat.intro', { agentName, orgName: d.orgName })),
        { kind: 'quote', text: d.text },
        p(i18n.t('mail.chat.answer')),
        { kind: 'link', href: d.link },
      ];
      break;
    }
    case 'satisfaction': {
      const d = satisfactionPayload.parse(payload);
      subject = i18n.t('mail.satisfaction.subject', { orgName: d.orgName });
      signature = i18n.t('mail.signature', { orgName: d.orgName });
      blocks = [
        p(i18n.t('mail.greeting', { name: d.recipientName })),
        p(i18n.t('mail.satisfaction.body', { agentName: d.agentName })),
        p(i18n.t('mail.satisfaction.linkIntro')),
        { kind: 'link', href: d.link },
        p(i18n.t('mail.satisfaction.once')),
      ];
      break;
    }
    case 'webhook_disabled': {
      const d = webhookDisabledPayload.parse(payload);
      subject = i18n.t('mail.webhookDisabled.subject');
      signature = i18n.t('mail.signature', { orgName: d.orgName });
      blocks = [
        p(i18n.t('mail.greeting', { name: d.agentName })),
        p(i18n.t('mail.webhookDisabled.body', { since: when(d.failingSince) })),
        { kind: 'code', text: d.description ? `${d.description} — ${d.url}` : d.url },
        p(i18n.t('mail.webhookDisabled.action')),
      ];
      break;
    }
  }

  return {
    subject,
    text: [...blocks.map(toText), `-- \n${signature}`].join('\n\n') + '\n',
    html:
      '<!doctype html>' +
      renderToStaticMarkup(
        <MailHtml language={language} subject={subject} blocks={blocks} signature={signature} />,
      ),
  };
}

function toText(block: Block): string {
  switch (block.kind) {
    case 'p':
    case 'lines':
      return block.text;
    case 'quote':
      return block.text
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'link':
      return block.href;
    case 'code':
      return `    ${block.text}`;
  }
}

const styles = {
  body: {
    margin: 0,
    padding: '24px',
    background: '#f4f5f7',
    fontFamily: 'Segoe UI, Helvetica, Arial, sans-serif',
  },
  card: {
    maxWidth: '560px',
    margin: '0 auto',
    padding: '24px',
    background: '#ffffff',
    borderRadius: '6px',
    color: '#1d2330',
  },
  p: { fontSize: '15px', lineHeight: '1.5', margin: '0 0 14px' },
  quote: {
    margin: '0 0 14px',
    padding: '8px 12px',
    borderLeft: '3px solid #1f6feb',
    background: '#f4f7fd',
    whiteSpace: 'pre-wrap' as const,
  },
  link: { display: 'inline-block', margin: '0 0 14px', color: '#1f4fd1', wordBreak: 'break-all' as const },
  code: {
    fontSize: '22px',
    letterSpacing: '2px',
    fontFamily: 'Consolas, Menlo, monospace',
    margin: '0 0 14px',
  },
  signature: { fontSize: '13px', color: '#5b6475', margin: '18px 0 0' },
};

function MailHtml(props: {
  language: EmailLanguage;
  subject: string;
  blocks: Block[];
  signature: string;
}): ReactNode {
  return (
    <html lang={props.language}>
      <head>
        <meta charSet="utf-8" />
        <title>{props.subject}</title>
      </head>
      <body style={styles.body}>
        <div style={styles.card}>
          {props.blocks.map((block, index) => {
            switch (block.kind) {
              case 'p':
                return (
                  <p key={index} style={styles.p}>
                    {block.text}
                  </p>
                );
              case 'lines':
                return (
                  <p key={index} style={styles.p}>
                    <LineBreaks text={block.text} />
                  </p>
                );
              case 'quote':
                return (
                  <blockquote key={index} style={styles.quote}>
                    {block.text}
                  </blockquote>
                );
              case 'link':
                return (
                  <p key={index} style={styles.p}>
                    <a href={block.href} style={styles.link}>
                      {block.href}
                    </a>
                  </p>
                );
              case 'code':
                return (
                  <p key={index} style={styles.code}>
                    <strong>{block.text}</strong>
                  </p>
                );
            }
          })}
          <p style={styles.signature}>{props.signature}</p>
        </div>
      </body>
    </html>
  );
}
