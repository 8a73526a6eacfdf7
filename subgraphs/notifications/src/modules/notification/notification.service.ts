import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { LIVE_CHANNELS, type LivePubSub, type NotificationAddedMessage } from '@mrt/events';
import { BadUserInputError, decodeCursor, pageSize, parseInput, toConnection, type Connection } from '@mrt/graphql-kit';
import { enqueueDeliveries } from '../delivery/delivery-fanout.js';
import { uuidOrNil } from '../follow/follow.service.js';
import { FollowStore } from '../follow/follow.store.js';
import type { NotificationEntity } from './notification.entity.js';
import { NotificationStore, type NotificationKey } from './notification.store.js';
import { broadcastSchema } from './notification.validation.js';

/** At most this many ids per markNotificationsRead call. */
export const MAX_MARK_READ_IDS = 500;

export class NotificationService {
  private readonly notifications: NotificationStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly live?: LivePubSub,
    private readonly onNotified?: () => void,
    /** When deliveries are due and which digest they join (specs move it). */
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.notifications = new NotificationStore(dataSource);
  }

  findByIds(ids: readonly string[]): Promise<NotificationEntity[]> {
    return this.notifications.findByIds(ids);
  }

  /** One of the user's own notifications; someone else's is as good as missing. */
  findOwn(userId: string, id: string): Promise<NotificationEntity | null> {
    return this.notifications.findOwn(userId, uuidOrNil(id));
  }

  /** The user's own feed, newest first. */
  async listForUser(userId: string, args: { unreadOnly?: boolean | null; first?: number | null; after?: string | null }): Promise<Connection<NotificationEntity>> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    const rows = await this.notifications.pageOfUser(userId, { unreadOnly: Boolean(args.unreadOnly), limit: first + 1, after });
    return toConnection(rows, first, (n) => [n.createdAt.toISOString(), n.id]);
  }

  /** The newest few, for the Atom feed. */
  latestForUser(userId: string, limit: number): Promise<NotificationEntity[]> {
    return this.notifications.latestOfUser(userId, limit);
  }

  countUnread(userId: string): Promise<number> {
    return this.notifications.countUnread(userId);
  }

  /** Marks the given (own) notifications, or all of them, read; returns how many changed. */
  async markRead(userId: string, ids: readonly string[] | null | undefined, all: boolean | null | undefined): Promise<number> {
    if (all && ids?.length) throw new BadUserInputError('Pass ids or all, not both', [{ path: 'all', message: 'cannot be combined with ids' }]);
    if (!all && !ids?.length) throw new BadUserInputError('Pass ids or all: true', [{ path: 'ids', message: 'must list at least one id' }]);
    if (ids && ids.length > MAX_MARK_READ_IDS) {
      throw new BadUserInputError(`At most ${MAX_MARK_READ_IDS} ids at once`, [{ path: 'ids', message: `must list at most ${MAX_MARK_READ_IDS} ids` }]);
    }
    return this.notifications.markRead(userId, all ? null : ids!.map(uuidOrNil));
  }

  /**
   * An operators' message to the given users, to the followers of one band, label or genre, or to
   * everyone who follows anything (this subgraph knows no other users). One event id for the whole broadcast keeps it once per user.
   */
  async broadcast(input: unknown): Promise<number> {
    const parsed = parseInput(broadcastSchema, input);
    const eventId = randomUUID();
    const created: NotificationKey[] = await this.dataSource.transaction(async (manager) => {
      const follows = new FollowStore(manager);
      const userIds = parsed.userIds ?? (parsed.followersOf ? await follows.followerIdsOf(parsed.followersOf) : await follows.followerIds());
      const rows = await new NotificationStore(manager).insertForUsers({ userIds, eventId, kind: 'ADMIN_BROADCAST', title: parsed.title, message: parsed.message });
      await enqueueDeliveries(manager, rows, this.clock());
      return rows;
    });
    if (created.length > 0) this.onNotified?.();
    for (const row of created) await this.publishAdded(row.id, row.userId);
    return created.length;
  }

  /**
   * A notice to one fan from the service itself (a channel was paused), in the caller's
   * transaction; it is not sent to the fan's channels, which may be the thing that broke.
   */
  async insertNotice(manager: EntityManager, notice: { userId: string; title: string; message: string }): Promise<string> {
    const [created] = await new NotificationStore(manager).insertForUsers({
      userIds: [notice.userId],
      eventId: randomUUID(),
      kind: 'CHANNEL_PAUSED',
      title: notice.title.slice(0, 200),
      message: notice.message.slice(0, 2_000),
    });
    return created!.id;
  }

  /** The live push of a committed notification; a lost push is acceptable (the feed has it). */
  async publishAdded(id: string, userId: string): Promise<void> {
    await this.live?.publish(LIVE_CHANNELS.notificationAdded, { id, userId } satisfies NotificationAddedMessage).catch(() => undefined);
  }
}
