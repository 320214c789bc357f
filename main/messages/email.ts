// E-mail over SMTP with nodemailer. One pooled transport per configuration,
// reused across outbox ticks (a new connection per message would make 1,000
// reminders take minutes); a changed configuration gets a new transport.
import nodemailer, { type Transporter } from 'nodemailer';
import type { MessagingConfig } from './settings';
import { SendError } from './send-error';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

type SmtpConfig = Pick<MessagingConfig, 'smtpHost' | 'smtpPort' | 'smtpSecure' | 'smtpUser' | 'smtpPassword' | 'smtpFrom'>;

export class EmailSender {
  private transport: Transporter | null = null;
  private key = '';

  private transportFor(c: SmtpConfig): Transporter {
    const key = JSON.stringify([c.smtpHost, c.smtpPort, c.smtpSecure, c.smtpUser, c.smtpPassword]);
    if (this.transport && key === this.key) return this.transport;
    this.transport?.close();
    this.key = key;
    this.transport = nodemailer.createTransport({
      host: c.smtpHost,
      port: c.smtpPort,
      secure: c.smtpSecure,
      auth: c.smtpUser ? { user: c.smtpUser, pass: c.smtpPassword } : undefined,
      pool: true,
      maxConnections: 3,
      maxMessages: 500,
      // An unreachable server should fail fast: the message waits in the queue.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return this.transport;
  }

  async send(c: SmtpConfig, mail: Email): Promise<string> {
    if (!c.smtpHost || !c.smtpFrom) throw new SendError('unconfigured', 'SMTP is not set up: fill in the server and the sender address in Messages → Settings');
    try {
      const info = await this.transportFor(c).sendMail({ from: c.smtpFrom, to: mail.to, subject: mail.subject, text: mail.text });
      return String(info.messageId ?? '');
    } catch (e) {
      throw SendError.fromSmtp(e);
    }
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}
