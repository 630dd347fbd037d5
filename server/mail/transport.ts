/**
 * Where e-mail goes: an SMTP server (SESSIONDESK_SMTP_URL) through nodemailer, or, by default, .eml files
 * in DATA_DIR/mail, one per message, whose paths are logged.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

/** An address, or a display name and address kept apart so the name is quoted whatever it holds. */
export type MailSender = string | { readonly name: string; readonly address: string };

export interface OutgoingMail {
  readonly from: MailSender;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Stable across retries, so a receiving system can tell a resend from a new message. */
  readonly messageId: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  readonly description: string;
  close(): void;
}

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const url = new URL(smtpUrl);
  return {
    description: `SMTP ${url.protocol}//${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`,
    async send(mail) {
      await transporter.sendMail(mail);
    },
    close: () => transporter.close(),
  };
}

export function fileTransport(dataDir: string, log: Logger): MailTransport {
  const folder = join(dataDir, 'mail');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `.eml files in ${folder}`,
    async send(mail) {
      const info = await transporter.sendMail(mail);
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 40)}.eml`;
      const path = join(folder, name);
      writeFileSync(path, info.message as Buffer, { mode: 0o600 });
      log.info({ path, to: mail.to, subject: mail.subject }, 'e-mail written to file (no SMTP configured)');
    },
    close: () => transporter.close(),
  };
}
