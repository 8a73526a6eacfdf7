import type { DataSource } from 'typeorm';
import type { OutboundGuard } from '@mrt/platform';
import { BadUserInputError, NotFoundError, parseInput } from '@mrt/graphql-kit';
import { NotificationDeliveryStore } from '../delivery/notification-delivery.store.js';
import { uuidOrNil } from '../follow/follow.service.js';
import { webhookUrlProblem } from '../webhook/webhook-url.js';
import { NotificationChannelStore, type ChannelRow } from './notification-channel.store.js';
import type { NotificationChannel } from './notification-channel.type.js';
import { addChannelSchema, channelUrlProblem } from './notification-channel.validation.js';

export const MAX_CHANNELS_PER_USER = 10;

export class NotificationChannelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { guard: OutboundGuard; discordOrigin: string },
  ) {}

  async list(userId: string): Promise<NotificationChannel[]> {
    return (await new NotificationChannelStore(this.dataSource).listOfUser(userId)).map(toChannel);
  }

  async add(userId: string, input: unknown): Promise<NotificationChannel> {
    const parsed = parseInput(addChannelSchema, input);
    const bad = (message: string) => new BadUserInputError(`Channel URL ${message}`, [{ path: 'url', message }]);
    // Same check as webhooks: http(s), no credentials, and a host the outbound guard allows.
    const problem = await webhookUrlProblem(parsed.url, this.options.guard);
    if (problem) throw bad(problem);
    const url = new URL(parsed.url);
    const shape = channelUrlProblem(parsed.kind, url, this.options.discordOrigin);
    if (shape) throw bad(shape);
    const store = new NotificationChannelStore(this.dataSource);
    if ((await store.countOfUser(userId)) >= MAX_CHANNELS_PER_USER) {
      throw new BadUserInputError(`At most ${MAX_CHANNELS_PER_USER} channels`, [{ path: 'kind', message: `at most ${MAX_CHANNELS_PER_USER} channels per fan` }]);
    }
    const row = await store.insert({ userId, kind: parsed.kind, target: url.toString(), label: parsed.label || null, isDefault: parsed.isDefault ?? true });
    if (!row) throw bad('is already one of your channels');
    return toChannel(row);
  }

  /** Its delivery log goes with it (the rows point at no table, so nothing cascades by itself). */
  remove(userId: string, id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const removed = await new NotificationChannelStore(manager).delete(userId, uuidOrNil(id));
      if (removed) await new NotificationDeliveryStore(manager).deleteForDestination(removed.kind, removed.id);
      return removed !== null;
    });
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
    label: row.label,
    isDefault: row.isDefault,
    consecutiveFailures: row.consecutiveFailures,
    pausedAt: row.pausedAt,
    pauseReason: row.pauseReason,
    createdAt: row.createdAt,
  };
}
