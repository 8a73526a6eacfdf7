import { createHash, timingSafeEqual } from 'node:crypto';
import { BodyTooLargeError, readBody, type Route } from '@mrt/platform';
import type { TelegramUpdate } from './telegram-api.js';
import type { TelegramBot } from './telegram.bot.js';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
/** An update with a message is a few kilobytes; Telegram caps what a bot receives well below this. */
const MAX_UPDATE_BYTES = 256 * 1024;

/** Equal-length digests, so neither the secret's content nor its length leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Where Telegram posts the bot's updates in webhook mode; only posts carrying our secret are handled. */
export function telegramWebhookRoutes(bot: TelegramBot, secret: string): Route[] {
  return [
    {
      path: TELEGRAM_WEBHOOK_PATH,
      name: 'telegram_webhook',
      handle: async (request, response) => {
        if (request.method !== 'POST') {
          response.writeHead(405, { allow: 'POST' }).end();
          return;
        }
        const header = request.headers['x-telegram-bot-api-secret-token'];
        if (typeof header !== 'string' || !sameSecret(header, secret)) {
          request.resume();
          response.writeHead(401).end();
          return;
        }
        let update: TelegramUpdate;
        try {
          update = JSON.parse(await readBody(request, MAX_UPDATE_BYTES)) as TelegramUpdate;
        } catch (error) {
          response.writeHead(error instanceof BodyTooLargeError ? 413 : 400).end();
          return;
        }
        // Answered after handling: Telegram re-posts an update whose post failed.
        await bot.handle(update);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      },
    },
  ];
}
