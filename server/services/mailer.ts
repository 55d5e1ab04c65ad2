import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail. SMTP when configured; otherwise the message is only logged. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  }
}

export class LogMailer implements Mailer {
  constructor(private readonly log: (line: string) => void) {}

  async send(message: MailMessage): Promise<void> {
    this.log(`[thư, chưa cấu hình SMTP] tới ${message.to}: ${message.subject}`);
  }
}

export function createMailer(smtpUrl: string | undefined, from: string, log: (line: string) => void): Mailer {
  return smtpUrl ? new SmtpMailer(smtpUrl, from) : new LogMailer(log);
}
