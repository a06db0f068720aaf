import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The same message as HTML; mail clients show it, others the text part. */
  html?: string;
}

/**
 * How long the SMTP client waits, in milliseconds, before it gives up: a server that hangs
 * fails the job (which is retried later) instead of holding a worker forever. The URL's query
 * (`smtp://host:25?socketTimeout=60000`) overrides each of them.
 */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
  dnsTimeout: 10_000,
} as const;

/** The nodemailer transport options for an SMTP URL: our timeouts unless the URL sets its own. */
export function smtpTransportOptions(url: string): { url: string } & typeof SMTP_TIMEOUTS {
  return { ...SMTP_TIMEOUTS, url };
}

/** Sends e-mail over SMTP_URL when one is configured; without it, e-mail is simply off. */
@Injectable()
export class Mailer {
  private readonly logger = new Logger(Mailer.name);
  private transport?: Promise<{ sendMail(message: object): Promise<unknown> }>;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.SMTP_URL);
  }

  async send(message: MailMessage): Promise<boolean> {
    if (!this.config.SMTP_URL) return false;
    const url = this.config.SMTP_URL;
    this.transport ??= import('nodemailer').then((nodemailer) =>
      nodemailer.default.createTransport(smtpTransportOptions(url)),
    );
    await (await this.transport).sendMail({ from: this.config.SMTP_FROM, ...message });
    this.logger.log({ subject: message.subject }, 'e-mail sent');
    return true;
  }
}
