import { createTransport } from 'nodemailer';
import type { Mailer } from './types.js';

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  from: string;
}

/** A mailer on the SMTP server in config. The connection is made on first use, so start-up never needs SMTP. */
export function createMailer(smtp: SmtpConfig): Mailer & { close(): void } {
  let transport: ReturnType<typeof createTransport> | undefined;
  return {
    async send(message) {
      transport ??= createTransport({ host: smtp.host, port: smtp.port, secure: smtp.secure, connectionTimeout: 10_000, greetingTimeout: 10_000 });
      await transport.sendMail({ from: smtp.from, ...message });
    },
    close() {
      transport?.close();
    },
  };
}
