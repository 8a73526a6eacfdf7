import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { DeadLetterResolver, createSubgraphServer, idLoader, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import { OutboundGuard, type Logger, type Redis } from '@mrt/platform';
import type { NotificationsEnv } from './env.js';
import { DiscordSender } from './modules/channel/discord.sender.js';
import { NotificationChannelResolver } from './modules/channel/notification-channel.resolver.js';
import { NotificationChannelService } from './modules/channel/notification-channel.service.js';
import { NtfySender } from './modules/channel/ntfy.sender.js';
import type { RateLimit } from './domain/rate-limiter.js';
import { DeliveryDispatcher } from './modules/delivery/delivery.dispatcher.js';
import { createDeliveryMetrics } from './modules/delivery/delivery-metrics.js';
import { sendRateLimiterFor } from './modules/delivery/send-rate-limiter.js';
import { NotificationDeliveryResolver } from './modules/delivery/notification-delivery.resolver.js';
import { accountConsumer } from './modules/account/account.consumer.js';
import { AccountEmailService } from './modules/account/account-email.service.js';
import { channelRoutes } from './modules/email/channel.routes.js';
import { EmailSender } from './modules/email/email.sender.js';
import { emailSettings, type EmailSettings } from './modules/email/email-transport.js';
import { FeedResolver } from './modules/feed/feed.resolver.js';
import { feedRoutes } from './modules/feed/feed.routes.js';
import { FeedService } from './modules/feed/feed.service.js';
import { collectionConsumer } from './modules/follow/collection.consumer.js';
import { FollowResolver } from './modules/follow/follow.resolver.js';
import { FollowService } from './modules/follow/follow.service.js';
import { NotificationMatchingService } from './modules/matching/notification-matching.service.js';
import { releaseConsumer } from './modules/matching/release.consumer.js';
import { NOTIFICATION_LOADER, NotificationResolver } from './modules/notification/notification.resolver.js';
import { NotificationService } from './modules/notification/notification.service.js';
import { ReleaseFeedResolver } from './modules/release-feed/release-feed.resolver.js';
import { ReleaseFeedService } from './modules/release-feed/release-feed.service.js';
import { WebhookResolver } from './modules/webhook/webhook.resolver.js';
import { WebhookSender } from './modules/webhook/webhook.sender.js';
import { WebhookService } from './modules/webhook/webhook.service.js';
import { TelegramApi } from './modules/telegram/telegram-api.js';
import { telegramWebhookRoutes } from './modules/telegram/telegram.routes.js';
import { TelegramBot } from './modules/telegram/telegram.bot.js';
import { TelegramResolver } from './modules/telegram/telegram.resolver.js';
import { TelegramSender } from './modules/telegram/telegram.sender.js';
import { TelegramService } from './modules/telegram/telegram.service.js';
import { WebPushResolver } from './modules/web-push/web-push.resolver.js';
import { WebPushSender, type VapidSettings } from './modules/web-push/web-push.sender.js';
import { WebPushService } from './modules/web-push/web-push.service.js';
import { deliveryStreamConsumer } from './modules/projection/delivery-stream.consumer.js';
import { NotificationPreferenceResolver } from './modules/preference/notification-preference.resolver.js';
import { NotificationPreferenceService } from './modules/preference/notification-preference.service.js';
import { buildNotificationsSchema } from './schema.js';

function vapidOf(env: NotificationsEnv): VapidSettings | null {
  return env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY && env.VAPID_SUBJECT ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT } : null;
}

/** The Bot API client when a bot is configured. */
export function telegramApiFor(env: NotificationsEnv): TelegramApi | null {
  return env.TELEGRAM_BOT_TOKEN ? new TelegramApi(env.TELEGRAM_API_URL, env.TELEGRAM_BOT_TOKEN, env.CHANNEL_TIMEOUT_MS) : null;
}

/** One guard for registration checks and deliveries, so both judge a URL the same way. */
export function outboundGuardFor(env: NotificationsEnv, resolve?: SubgraphDeps<NotificationsEnv>['outboundResolver']): OutboundGuard {
  return new OutboundGuard({ allowPrivate: env.WEBHOOK_ALLOW_PRIVATE_URLS, resolve, connectTimeoutMs: Math.min(env.WEBHOOK_TIMEOUT_MS, env.CHANNEL_TIMEOUT_MS) });
}

/** A configured sends-per-second limit; 0 is none. */
function perSecond(count: number): RateLimit | null {
  return count > 0 ? { count, perMs: 1_000 } : null;
}

/** The one dispatcher sending every channel's deliveries (also a second worker in specs). */
export function createDeliveryDispatcher(deps: {
  env: NotificationsEnv;
  dataSource: DataSource;
  logger: Logger;
  guard: OutboundGuard;
  notifications: NotificationService;
  email: EmailSettings | null;
  telegram: TelegramApi | null;
  leaseMs?: number;
  clock?: () => Date;
  /** The service's registry, where deliveries per channel and outcome are counted. */
  registry?: Registry;
  /** Where the providers' rate limits are shared with the other workers; none: this worker's own (embedded mode). */
  redis?: Redis;
  /** Deliveries claimed per pass (default 20). */
  batchSize?: number;
}): DeliveryDispatcher {
  const { env, guard, notifications } = deps;
  const channelPolicy = { maxAttempts: env.CHANNEL_MAX_ATTEMPTS, retryInitialMs: env.CHANNEL_RETRY_INITIAL_MS, pauseAfterFailures: env.CHANNEL_PAUSE_AFTER_FAILURES };
  const publicUrl = env.NOTIFICATIONS_PUBLIC_URL.replace(/\/$/, '');
  return new DeliveryDispatcher({
    dataSource: deps.dataSource,
    logger: deps.logger,
    // A claim outlives the slowest send, so only a worker that really vanished is taken over.
    leaseMs: deps.leaseMs ?? Math.max(env.DELIVERY_LEASE_MS, 2 * Math.max(env.WEBHOOK_TIMEOUT_MS, env.CHANNEL_TIMEOUT_MS)),
    senders: [
      new WebhookSender(guard, { maxAttempts: env.WEBHOOK_MAX_ATTEMPTS, retryInitialMs: env.WEBHOOK_RETRY_INITIAL_MS, pauseAfterFailures: env.WEBHOOK_DISABLE_AFTER_FAILURES }, env.WEBHOOK_TIMEOUT_MS),
      new DiscordSender(guard, channelPolicy, env.CHANNEL_TIMEOUT_MS),
      new NtfySender(guard, channelPolicy, env.CHANNEL_TIMEOUT_MS, perSecond(env.NTFY_MESSAGES_PER_SECOND)),
      ...(deps.email ? [new EmailSender(deps.email, deps.dataSource, channelPolicy, publicUrl, perSecond(env.EMAIL_MESSAGES_PER_SECOND))] : []),
      ...(deps.telegram ? [new TelegramSender(deps.telegram, channelPolicy, env.TELEGRAM_MESSAGES_PER_SECOND)] : []),
      ...(vapidOf(env) ? [new WebPushSender(vapidOf(env)!, guard, channelPolicy, env.CHANNEL_TIMEOUT_MS)] : []),
    ],
    loadNotifications: (ids) => notifications.findByIds(ids),
    notifyPaused: (manager, notice) => notifications.insertNotice(manager, notice),
    noticeCommitted: (id, userId) => notifications.publishAdded(id, userId),
    linkOf: (notification) => (notification.releaseId ? `${publicUrl}/releases/${notification.releaseId}` : `${publicUrl}/notifications`),
    notificationsLink: `${publicUrl}/notifications`,
    clock: deps.clock,
    metrics: deps.registry ? createDeliveryMetrics(deps.registry) : undefined,
    rateLimiter: sendRateLimiterFor(deps.redis, env.REDIS_KEY_PREFIX, deps.logger),
    batchSize: deps.batchSize,
  });
}

export interface NotificationsOptions {
  /** What time it is for deliveries: due times, digests, quiet hours (specs move it instead of waiting). */
  clock?: () => Date;
}

export function createSubgraph(deps: SubgraphDeps<NotificationsEnv>, options: NotificationsOptions = {}): Subgraph {
  const { env, db, logger, live } = deps;
  const clock = options.clock ?? (() => new Date());
  const guard = outboundGuardFor(env, deps.outboundResolver);
  let dispatcher: DeliveryDispatcher | undefined;
  const onNotified = () => dispatcher?.notify();
  const notifications = new NotificationService(db.dataSource, live, onNotified, clock);
  const email = emailSettings(env.SMTP_URL, env.SMTP_FROM);
  const telegramApi = telegramApiFor(env);
  if (env.DELIVERY_WORKER) dispatcher = createDeliveryDispatcher({ env, dataSource: db.dataSource, logger, guard, notifications, email, telegram: telegramApi, clock, registry: deps.metrics.registry, redis: deps.redis });
  const telegram = new TelegramService(db.dataSource, telegramApi ? (env.TELEGRAM_BOT_USERNAME ?? null) : null);
  const webhook = env.TELEGRAM_WEBHOOK_URL && env.TELEGRAM_WEBHOOK_SECRET ? { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET } : null;
  // With a webhook every instance can take the posts; polling stays on the one instance that polls.
  const bot = telegramApi && (webhook || env.TELEGRAM_POLLING) ? new TelegramBot(telegramApi, telegram, logger, env.TELEGRAM_POLL_TIMEOUT_SECONDS, webhook) : null;
  const channels = new NotificationChannelService(db.dataSource, {
    guard,
    discordOrigin: env.DISCORD_ORIGIN,
    email,
    publicUrl: env.NOTIFICATIONS_PUBLIC_URL.replace(/\/$/, ''),
    confirmationTtlMs: env.EMAIL_CONFIRMATION_TTL_MINUTES * 60_000,
  });
  const feeds = new FeedService(db.dataSource, env.NOTIFICATIONS_PUBLIC_URL);
  const schema = buildNotificationsSchema(
    [
      new DeadLetterResolver(deps.events.bus),
      new NotificationResolver(notifications),
      new FollowResolver(new FollowService(db.dataSource)),
      new ReleaseFeedResolver(new ReleaseFeedService(db.dataSource)),
      new WebhookResolver(new WebhookService(db.dataSource, { guard })),
      new FeedResolver(feeds),
      new NotificationChannelResolver(channels),
      new TelegramResolver(telegram, channels),
      new WebPushResolver(new WebPushService(db.dataSource, { guard, publicKey: vapidOf(env)?.publicKey ?? null }), channels),
      new NotificationDeliveryResolver(db.dataSource),
      new NotificationPreferenceResolver(new NotificationPreferenceService(db.dataSource)),
    ],
    {
      // A notification reference resolves only for its owner: _entities is no side door.
      Notification: async (reference, context) => {
        const notification = await idLoader(context.loaders, NOTIFICATION_LOADER, (ids) => notifications.findByIds(ids)).load(String(reference.id));
        return notification && context.user?.id === notification.userId ? notification : null;
      },
    },
  );
  const matching = new NotificationMatchingService({
    dataSource: db.dataSource,
    live,
    logger,
    onNotified,
    rules: () => ({ initialImportRecentDays: env.NOTIFY_INITIAL_IMPORT_RECENT_DAYS, now: clock() }),
  });
  return createSubgraphServer({
    name: 'notifications',
    deps,
    schema,
    routes: [...feedRoutes(feeds, notifications), ...channelRoutes(channels), ...(bot && webhook ? telegramWebhookRoutes(bot, webhook.secret) : [])],
    consumers: [
      releaseConsumer(matching),
      deliveryStreamConsumer(matching),
      collectionConsumer(new FollowService(db.dataSource)),
      accountConsumer(new AccountEmailService(email, logger)),
    ],
    onStart: async () => {
      dispatcher?.start();
      await bot?.start();
    },
    onStop: async () => {
      await bot?.stop();
      await dispatcher?.stop();
      await guard.close();
      email?.transport.close();
    },
  });
}
