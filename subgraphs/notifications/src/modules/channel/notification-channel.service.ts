import type { DataSource } from 'typeorm';
import type { OutboundGuard } from '@mrt/platform';
import { AppError, BadUserInputError, ErrorCode, NotFoundError, parseInput } from '@mrt/graphql-kit';
import { ChannelTokenStore } from './channel-token.store.js';
import { confirmationEmail } from '../email/email-templates.js';
import type { EmailSettings } from '../email/email-transport.js';
import { NotificationDeliveryStore } from '../delivery/notification-delivery.store.js';
import { uuidOrNil } from '../follow/follow.service.js';
import { webhookUrlProblem } from '../webhook/webhook-url.js';
import { NotificationChannelStore, type ChannelRow } from './notification-channel.store.js';
import type { NotificationChannel } from './notification-channel.type.js';
import { addChannelSchema, channelUrlProblem, updateChannelSchema } from './notification-channel.validation.js';
import { DIGEST_KINDS } from './channel-kind.js';

export const MAX_CHANNELS_PER_USER = 10;

export class NotificationChannelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: {
      guard: OutboundGuard;
      discordOrigin: string;
      /** Null: email is off on this server. */
      email: EmailSettings | null;
      publicUrl: string;
      confirmationTtlMs: number;
    },
  ) {}

  async list(userId: string): Promise<NotificationChannel[]> {
    return (await new NotificationChannelStore(this.dataSource).listOfUser(userId)).map(toChannel);
  }

  async add(userId: string, input: unknown): Promise<NotificationChannel> {
    const parsed = parseInput(addChannelSchema, input);
    if (parsed.kind === 'TELEGRAM') throw new BadUserInputError('Telegram is linked from the bot', [{ path: 'kind', message: 'use linkTelegram for TELEGRAM' }]);
    if (parsed.kind === 'WEB_PUSH') throw new BadUserInputError('Web push is added by the browser', [{ path: 'kind', message: 'use addWebPushSubscription for WEB_PUSH' }]);
    const target = parsed.kind === 'EMAIL' ? this.emailTarget(parsed.email) : await this.urlTarget(parsed.kind, parsed.url);
    const store = new NotificationChannelStore(this.dataSource);
    if ((await store.countOfUser(userId)) >= MAX_CHANNELS_PER_USER) {
      throw new BadUserInputError(`At most ${MAX_CHANNELS_PER_USER} channels`, [{ path: 'kind', message: `at most ${MAX_CHANNELS_PER_USER} channels per fan` }]);
    }
    const field = parsed.kind === 'EMAIL' ? 'email' : 'url';
    const row = await store.insert({ userId, kind: parsed.kind, target, label: parsed.label || null, isDefault: parsed.isDefault ?? true, verified: parsed.kind !== 'EMAIL' });
    if (!row) throw new BadUserInputError(`Channel ${field} is already one of your channels`, [{ path: field, message: 'is already one of your channels' }]);
    if (parsed.kind === 'EMAIL') await this.sendConfirmation(row);
    return toChannel(row);
  }

  /** The address's owner followed the confirmation link: it may receive from now on. */
  async confirmEmail(token: string): Promise<boolean> {
    if (!token) return false;
    return this.dataSource.transaction(async (manager) => {
      const channelId = await new ChannelTokenStore(manager).consumeOnce(token, 'VERIFY');
      return channelId ? (await new NotificationChannelStore(manager).markVerified(channelId)) !== null : false;
    });
  }

  async unsubscribe(token: string): Promise<boolean> {
    if (!token) return false;
    const channelId = await new ChannelTokenStore(this.dataSource).channelFor(token, 'UNSUBSCRIBE');
    if (!channelId) return false;
    await new NotificationChannelStore(this.dataSource).unsubscribe(channelId);
    return true;
  }

  private emailTarget(email: string | null | undefined): string {
    if (!this.options.email) throw new BadUserInputError('Email is not available on this server', [{ path: 'kind', message: 'email is not enabled on this server' }]);
    if (!email) throw new BadUserInputError('Channel email is required', [{ path: 'email', message: 'is required for EMAIL' }]);
    return email.trim().toLowerCase();
  }

  private async urlTarget(kind: 'DISCORD' | 'NTFY', raw: string | null | undefined): Promise<string> {
    const bad = (message: string) => new BadUserInputError(`Channel URL ${message}`, [{ path: 'url', message }]);
    if (!raw) throw bad(`is required for ${kind}`);
    // Same check as webhooks: http(s), no credentials, and a host the outbound guard allows.
    const problem = await webhookUrlProblem(raw, this.options.guard);
    if (problem) throw bad(problem);
    const url = new URL(raw);
    const shape = channelUrlProblem(kind, url, this.options.discordOrigin);
    if (shape) throw bad(shape);
    return url.toString();
  }

  /** Double opt-in: nothing goes to an address before its owner confirms it. */
  private async sendConfirmation(row: ChannelRow): Promise<void> {
    const email = this.options.email!;
    const token = await new ChannelTokenStore(this.dataSource).create(row.id, 'VERIFY', this.options.confirmationTtlMs);
    const rendered = confirmationEmail(`${this.options.publicUrl}/channels/verify?token=${token}`, Math.round(this.options.confirmationTtlMs / 60_000));
    try {
      await email.transport.sendMail({ from: email.from, to: row.target, subject: rendered.subject, text: rendered.text, html: rendered.html });
    } catch {
      // Nothing half-made stays behind: the fan adds the address again once mail works.
      await new NotificationChannelStore(this.dataSource).delete(row.userId, row.id);
      throw new AppError('The confirmation email could not be sent; try again later', ErrorCode.INTERNAL_SERVER_ERROR, { reason: 'EMAIL_UNAVAILABLE' });
    }
  }

  /** Its delivery log goes with it (the rows point at no table, so nothing cascades by itself). */
  remove(userId: string, id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const removed = await new NotificationChannelStore(manager).delete(userId, uuidOrNil(id));
      if (removed) await new NotificationDeliveryStore(manager).deleteForDestination(removed.kind, removed.id);
      return removed !== null;
    });
  }

  /** A channel's digest frequency; web push has none (a push is a moment's news). */
  async update(userId: string, id: string, input: unknown): Promise<NotificationChannel> {
    const parsed = parseInput(updateChannelSchema, input);
    const store = new NotificationChannelStore(this.dataSource);
    const current = await store.findOwn(userId, uuidOrNil(id));
    if (!current) throw new NotFoundError('NotificationChannel', id);
    if (!parsed.digest || parsed.digest === current.digest) return toChannel(current);
    if (parsed.digest !== 'INSTANT' && !DIGEST_KINDS.includes(current.kind)) {
      throw new BadUserInputError(`${current.kind} has no digests`, [{ path: 'digest', message: `${current.kind} channels send each notification at once` }]);
    }
    const row = await store.setDigest(userId, current.id, parsed.digest);
    if (!row) throw new NotFoundError('NotificationChannel', id);
    return toChannel(row);
  }

  async resume(userId: string, id: string): Promise<NotificationChannel> {
    const row = await new NotificationChannelStore(this.dataSource).resume(userId, uuidOrNil(id));
    if (!row) throw new NotFoundError('NotificationChannel', id);
    return toChannel(row);
  }
}

function toChannel(row: ChannelRow): NotificationChannel {
  return {
    id: row.id,
    kind: row.kind,
    url: row.target,
    verified: row.verifiedAt !== null,
    label: row.label,
    isDefault: row.isDefault,
    consecutiveFailures: row.consecutiveFailures,
    pausedAt: row.pausedAt,
    pauseReason: row.pauseReason,
    digest: row.digest,
    createdAt: row.createdAt,
  };
}
