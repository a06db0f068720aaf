import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@msc/config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
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
    this.transport ??= import('nodemailer').then((nodemailer) =>
      nodemailer.default.createTransport(this.config.SMTP_URL),
    );
    await (await this.transport).sendMail({ from: this.config.SMTP_FROM, ...message });
    this.logger.log({ subject: message.subject }, 'e-mail sent');
    return true;
  }
}
