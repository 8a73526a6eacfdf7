import { z } from 'zod';
import { baseEnvSchema, envFields, subgraphDescriptor } from '@mrt/platform';

export const notificationsEnvSchema = baseEnvSchema
  .extend({
  PORT: envFields.port(subgraphDescriptor('notifications').defaultPort),
  /** A source's first import announces releases dated after today minus this many days (or upcoming). */
  NOTIFY_INITIAL_IMPORT_RECENT_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** The public origin of the feeds, the base of the secret Atom/iCalendar feed URLs: the gateway, which passes /feeds/* through. */
  NOTIFICATIONS_PUBLIC_URL: z.string().url().default('http://localhost:4000'),
  /** Attempts per webhook delivery before it counts as failed. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** Delay after a delivery's first failure; doubles per attempt up to 1 hour. */
  WEBHOOK_RETRY_INITIAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  /** A webhook is disabled after this many deliveries in a row failed all their attempts. */
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Allow webhook and channel (Discord, ntfy) URLs on loopback/private addresses (development and tests only: SSRF). */
  WEBHOOK_ALLOW_PRIVATE_URLS: envFields.boolean(false),
  /** This instance sends the queued deliveries (false: an API-only instance; others send). */
  DELIVERY_WORKER: envFields.boolean(true),
  /** How long a claimed delivery is held; a worker that vanished longer than this is taken over. */
  DELIVERY_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Attempts per Discord/ntfy delivery before it counts as failed. */
  CHANNEL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** Delay after a channel delivery's first failure; doubles per attempt (with jitter) up to 1 hour, never shorter than the provider's Retry-After. */
  CHANNEL_RETRY_INITIAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  /** A channel is paused after this many deliveries in a row failed all their attempts. */
  CHANNEL_PAUSE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  CHANNEL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Discord webhook URLs must start with this origin (a local Discord-speaking server in tests). */
  DISCORD_ORIGIN: z.string().url().default('https://discord.com'),
  /** SMTP server for the email channel, e.g. smtps://user:pass@smtp.example.com:465; unset: email is off. */
  SMTP_URL: z
    .string()
    .url()
    .refine((value) => /^smtps?:/.test(value), 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The From of notification emails, e.g. "Metal Release Tracker <alerts@example.com>". */
  SMTP_FROM: z.string().min(3).optional(),
  /** The Telegram bot (from @BotFather) and its username, for t.me links; unset: Telegram is off. */
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC...').optional(),
  TELEGRAM_BOT_USERNAME: z.string().regex(/^\w{3,64}$/).optional(),
  TELEGRAM_API_URL: z.string().url().default('https://api.telegram.org'),
  /** This instance reads the bot's messages (Telegram allows one poller per bot). */
  TELEGRAM_POLLING: envFields.boolean(true),
  TELEGRAM_POLL_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(50).default(25),
  /** Webhook mode instead of polling: the public URL Telegram posts updates to (served at /telegram/webhook) and the secret it echoes. */
  TELEGRAM_WEBHOOK_URL: z.string().url().refine((value) => value.startsWith('https://') || value.startsWith('http://'), 'must be an http(s) URL').optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 characters of A-Z, a-z, 0-9, _ and -').optional(),
  /** VAPID keys for web push (`npx web-push generate-vapid-keys`) and the contact (mailto: or https:); unset: web push is off. */
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be a base64url P-256 public key').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{40,50}$/, 'must be a base64url P-256 private key').optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'must be a mailto: or https:// URL').optional(),
  /** Sends per second the ntfy server accepts per origin and the SMTP relay accepts; 0: no limit of ours (Telegram's and Discord's are built in). */
  NTFY_MESSAGES_PER_SECOND: z.coerce.number().min(0).max(10_000).default(0),
  EMAIL_MESSAGES_PER_SECOND: z.coerce.number().min(0).max(10_000).default(0),
  /** Telegram messages per second per bot: Telegram's broadcast limit (more only where Telegram allows it, or a local Bot API server). */
  TELEGRAM_MESSAGES_PER_SECOND: z.coerce.number().min(1).max(10_000).default(30),
  /** How long an email confirmation link works. */
  EMAIL_CONFIRMATION_TTL_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(60),
  })
  .refine((env) => (env.SMTP_URL === undefined) === (env.SMTP_FROM === undefined), { path: ['SMTP_FROM'], message: 'SMTP_URL and SMTP_FROM are set together' })
  .refine((env) => (env.TELEGRAM_BOT_TOKEN === undefined) === (env.TELEGRAM_BOT_USERNAME === undefined), {
    path: ['TELEGRAM_BOT_USERNAME'],
    message: 'TELEGRAM_BOT_TOKEN and TELEGRAM_BOT_USERNAME are set together',
  })
  .refine((env) => (env.TELEGRAM_WEBHOOK_URL === undefined) === (env.TELEGRAM_WEBHOOK_SECRET === undefined), {
    path: ['TELEGRAM_WEBHOOK_SECRET'],
    message: 'TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET are set together',
  })
  .refine((env) => env.TELEGRAM_WEBHOOK_URL === undefined || env.TELEGRAM_BOT_TOKEN !== undefined, { path: ['TELEGRAM_WEBHOOK_URL'], message: 'a Telegram webhook needs TELEGRAM_BOT_TOKEN' })
  .refine((env) => new Set([env.VAPID_PUBLIC_KEY, env.VAPID_PRIVATE_KEY, env.VAPID_SUBJECT].map((value) => value === undefined)).size === 1, {
    path: ['VAPID_SUBJECT'],
    message: 'VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT are set together',
  });
export type NotificationsEnv = z.infer<typeof notificationsEnvSchema>;
