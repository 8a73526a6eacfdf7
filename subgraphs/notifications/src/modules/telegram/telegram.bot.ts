import type { Logger } from '@mrt/platform';
import type { TelegramApi, TelegramUpdate } from './telegram-api.js';
import type { TelegramService } from './telegram.service.js';

/**
 * Reads the bot's messages by long polling (getUpdates), so no public webhook endpoint is needed.
 * Telegram allows one poller per bot: run it on one instance (TELEGRAM_POLLING).
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
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop;
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
          const reply = await this.service.handleUpdate(update).catch((error: unknown) => {
            this.logger.warn({ err: error }, 'telegram update failed');
            return null;
          });
          if (reply) await this.api.call('sendMessage', { chat_id: reply.chatId, text: reply.text }).catch(() => undefined);
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
