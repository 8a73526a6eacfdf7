import type { Logger } from '@mrt/platform';
import type { TelegramApi, TelegramUpdate } from './telegram-api.js';
import type { TelegramService } from './telegram.service.js';

/** Receives updates by webhook (Telegram posts them to our public URL) instead of long polling. */
export interface TelegramWebhookSettings {
  url: string;
  /** Telegram echoes it in X-Telegram-Bot-Api-Secret-Token on every post. */
  secret: string;
}

/**
 * The bot: reads its messages by long polling (getUpdates, so no public endpoint is needed; Telegram
 * allows one poller per bot, so one instance polls: TELEGRAM_POLLING) or, with a webhook, registers
 * it at start and is handed each posted update. Both answer an update with the same `handle`.
 */
export class TelegramBot {
  private running = false;
  private loop: Promise<void> | undefined;
  private offset = 0;
  private readonly abort = new AbortController();

  constructor(
    private readonly api: TelegramApi,
    private readonly service: TelegramService,
    private readonly logger: Logger,
    private readonly pollTimeoutSeconds: number,
    private readonly webhook: TelegramWebhookSettings | null = null,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.webhook) {
      const { answer } = await this.api
        .call('setWebhook', { url: this.webhook.url, secret_token: this.webhook.secret, allowed_updates: ['message'] })
        .catch((error: unknown) => ({ answer: { ok: false, description: error instanceof Error ? error.message : String(error) } }));
      if (!answer?.ok) this.logger.warn({ description: answer?.description }, 'telegram setWebhook failed');
      return;
    }
    // getUpdates is refused while a webhook is set: drop one left from an earlier webhook setup.
    await this.api.call('deleteWebhook', {}).catch((error: unknown) => this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'telegram deleteWebhook failed'));
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop;
  }

  /** Answers one update (a command) in its chat; a failure is logged, never thrown at the caller. */
  async handle(update: TelegramUpdate): Promise<void> {
    const reply = await this.service.handleUpdate(update).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'telegram update failed');
      return null;
    });
    if (reply) await this.api.call('sendMessage', { chat_id: reply.chatId, text: reply.text }).catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        // Stopping cuts the long poll short instead of waiting it out.
        const { answer } = await this.api.call<TelegramUpdate[]>(
          'getUpdates',
          { offset: this.offset, timeout: this.pollTimeoutSeconds, allowed_updates: ['message'] },
          { timeoutMs: (this.pollTimeoutSeconds + 10) * 1000, signal: this.abort.signal },
        );
        const updates = answer?.ok ? (answer.result ?? []) : [];
        for (const update of updates) {
          // Confirmed by the next getUpdates' offset; a crash before that re-reads it, and /start tokens are single-use.
          this.offset = Math.max(this.offset, update.update_id + 1);
          await this.handle(update);
        }
        if (updates.length > 0) continue;
      } catch (error) {
        if (!this.running) break;
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'telegram getUpdates failed');
      }
      // A server that answers at once (or fails) is not polled in a tight loop.
      await new Promise((resolve) => setTimeout(resolve, this.pollTimeoutSeconds > 0 ? 1_000 : 100));
    }
  }
}
