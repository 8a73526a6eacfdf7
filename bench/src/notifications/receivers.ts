import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One delivery as a receiver saw it: which destination, when it arrived. */
export interface Arrival {
  key: string;
  at: number;
}

/**
 * The outside services of every channel on loopback, as the dispatcher talks to them: the Telegram
 * Bot API (getUpdates hands out queued updates, sendMessage records), Discord webhooks, ntfy's JSON
 * publishing, a push service, and the generic webhook's receivers. Each arrival is recorded under
 * its destination (chat, webhook path, topic, subscription path) with the time it arrived.
 */
export class HttpReceivers {
  readonly arrivals = new Map<string, Arrival[]>();
  readonly updates: { update_id: number; message: { chat: { id: number }; text: string } }[] = [];
  private server: Server | undefined;
  private nextUpdateId = 1;
  origin = '';

  constructor(private readonly botToken: string) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const at = performance.now();
        const path = request.url ?? '/';
        const text = Buffer.concat(chunks).toString('utf8');
        const json = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (path === `/bot${this.botToken}/getUpdates`) {
          const offset = Number((JSON.parse(text || '{}') as { offset?: number }).offset ?? 0);
          return json(200, { ok: true, result: this.updates.filter((update) => update.update_id >= offset) });
        }
        if (path === `/bot${this.botToken}/sendMessage`) {
          const body = JSON.parse(text) as { chat_id: number | string; text: string };
          // The bot's own answers to /start are setup, not deliveries.
          if (!body.text.startsWith('Connected')) this.record('TELEGRAM', String(body.chat_id), at);
          return json(200, { ok: true, result: { message_id: at } });
        }
        if (/^\/bot[^/]+\/(setWebhook|deleteWebhook)$/.test(path)) return json(200, { ok: true, result: true });
        if (path.startsWith('/api/webhooks/')) {
          this.record('DISCORD', path.split('?')[0]!, at);
          return json(200, { id: String(at) });
        }
        if (path.startsWith('/push/')) {
          this.record('WEB_PUSH', path, at);
          return response.writeHead(201, { location: `${path}/m` }).end();
        }
        if (path.startsWith('/hook/')) {
          this.record('WEBHOOK', path, at);
          return response.writeHead(204).end();
        }
        if (request.method === 'POST' && path === '/') {
          this.record('NTFY', (JSON.parse(text) as { topic: string }).topic, at);
          return json(200, { id: String(at) });
        }
        response.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  say(chatId: number, text: string): void {
    this.updates.push({ update_id: this.nextUpdateId++, message: { chat: { id: chatId }, text } });
  }

  record(channel: string, key: string, at: number): void {
    const list = this.arrivals.get(channel) ?? [];
    list.push({ key, at });
    this.arrivals.set(channel, list);
  }

  of(channel: string): Arrival[] {
    return this.arrivals.get(channel) ?? [];
  }

  close(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * A real SMTP server: a message counts as accepted when the server answers the end of its DATA
 * (recorded then, under its recipient). Bodies are kept for the confirmation links only.
 */
export class SmtpReceiver {
  readonly accepted: (Arrival & { body: string })[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // A reverse DNS lookup per connection would time the resolver, not the delivery.
    disableReverseLookup: true,
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        for (const recipient of session.envelope.rcptTo) this.accepted.push({ key: recipient.address, at: performance.now(), body });
        callback();
      });
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
