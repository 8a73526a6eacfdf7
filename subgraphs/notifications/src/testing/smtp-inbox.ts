import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitForValue } from '@mrt/graphql-kit/testing';

/** A real SMTP server on a free loopback port; what it accepts is parsed as a mail client would. */
export class SmtpInbox {
  readonly received: ParsedMail[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      simpleParser(stream).then(
        (mail) => {
          this.received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });

  /** Listens and answers the SMTP_URL to give the notifications subgraph. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** The first mail to `address` whose subject matches, once it arrived. */
  async mailTo(address: string, subject: RegExp): Promise<ParsedMail> {
    const found = (mails: ParsedMail[]) => mails.find((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === address && subject.test(mail.subject ?? ''));
    return found(await waitForValue(() => this.received, (mails) => found(mails) !== undefined))!;
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
