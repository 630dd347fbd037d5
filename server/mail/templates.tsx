/**
 * The e-mails, in the recipient's language, as plain text and HTML. HTML is rendered with React on the
 * server, so every value from a request or the settings (names, comments, instructions) is escaped.
 * Mail to agents (set-password links) is in English.
 */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { EmailLanguage } from '@shared/domain/languages';
import { agentEn } from '../i18n/agent-en';
import { catalog, formatDateTime } from '../i18n/catalog';
import { LineBreaks } from '../join/line-breaks';
import type { MailKind } from '../store/rows';
import {
  invitationPayload,
  passwordLinkPayload,
  technicianInvitationPayload,
  updatePayload,
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
  const t = catalog(language);
  const when = (at: string) => formatDateTime(at, language);
  const payload: unknown = JSON.parse(rawPayload);
  let subject: string;
  let blocks: Block[];
  let signature: string;

  switch (kind) {
    case 'invitation': {
      const d = invitationPayload.parse(payload);
      const m = t.mail.invitation;
      subject = m.subject(d.agentName, d.orgName);
      signature = t.mail.signature(d.orgName);
      blocks = [
        p(t.mail.greeting(d.recipientName)),
        p(m.intro(d.agentName, d.orgName)),
        ...(d.comments ? [p(m.commentsLabel), { kind: 'quote', text: d.comments } as const] : []),
        p(m.linkIntro),
        { kind: 'link', href: d.link },
        p(m.pinIntro(d.pinUrl)),
        { kind: 'code', text: `${d.pin.slice(0, 3)} ${d.pin.slice(3, 6)} ${d.pin.slice(6)}` },
        ...(d.remoteAppInstructions
          ? [
              p(t.page.stepsHeading(d.remoteAppName)),
              { kind: 'lines', text: d.remoteAppInstructions } as const,
            ]
          : []),
        ...(d.scheduledAt ? [p(m.scheduled(when(d.scheduledAt)))] : []),
        p(m.expires(when(d.expiresAt))),
        p(m.ignore),
      ];
      break;
    }
    case 'update': {
      const d = updatePayload.parse(payload);
      signature = t.mail.signature(d.orgName);
      if (d.reason === 'rescheduled') {
        const m = t.mail.rescheduled;
        subject = m.subject(d.agentName);
        blocks = [
          p(t.mail.greeting(d.recipientName)),
          p(m.body(d.agentName)),
          p(d.scheduledAt ? m.scheduled(when(d.scheduledAt)) : m.unscheduled),
          p(m.expires(when(d.expiresAt))),
          p(m.linkIntro),
          { kind: 'link', href: d.link },
        ];
      } else {
        const m = t.mail.closed;
        subject = m.subject;
        blocks = [p(t.mail.greeting(d.recipientName)), p(m.body(d.agentName)), p(m.help)];
      }
      break;
    }
    case 'technician_invitation': {
      const d = technicianInvitationPayload.parse(payload);
      const m = t.mail.technician;
      subject = m.subject(d.inviterName);
      signature = t.mail.signature(d.orgName);
      blocks = [
        p(t.mail.greeting(d.inviteeName)),
        p(m.intro(d.inviterName, d.recipientName)),
        p(m.joinLink),
        { kind: 'link', href: d.joinUrl },
        p(m.code),
        { kind: 'code', text: `${d.sessionCode.slice(0, 4)} ${d.sessionCode.slice(4)}` },
      ];
      break;
    }
    case 'password_link': {
      const d = passwordLinkPayload.parse(payload);
      const m = agentEn.passwordMail;
      subject = d.reason === 'welcome' ? m.welcomeSubject : m.resetSubject;
      signature = m.signature(d.orgName);
      blocks = [
        p(m.greeting(d.agentName)),
        p(d.reason === 'welcome' ? m.welcome(d.orgName, d.email) : m.reset(d.orgName, d.email)),
        p(m.linkIntro),
        { kind: 'link', href: d.link },
        p(m.expires(when(d.expiresAt))),
        ...(d.reason === 'reset' ? [p(m.signsOut)] : []),
        p(m.ignore),
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
