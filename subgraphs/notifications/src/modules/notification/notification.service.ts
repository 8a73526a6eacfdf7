import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { z } from 'zod';
import { LIVE_CHANNELS, type LivePubSub, type NotificationAddedMessage } from '@mrt/events';
import { BadUserInputError, decodeCursor, findByIds, pageSize, parseInput, toConnection, type Connection } from '@mrt/graphql-kit';
import { enqueueDeliveries } from '../delivery/delivery-fanout.js';
import { uuidOrNil } from '../follow/follow.service.js';
import { NotificationEntity } from './notification.entity.js';

/** At most this many ids per markNotificationsRead call. */
export const MAX_MARK_READ_IDS = 500;

const broadcastSchema = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(200),
  message: z.string().trim().min(1, 'must not be empty').max(2_000),
  userIds: z.array(z.uuid('must be a UUID')).min(1).max(10_000).nullish(),
});

export class NotificationService {
  private readonly notifications: Repository<NotificationEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly live?: LivePubSub,
    private readonly onNotified?: () => void,
  ) {
    this.notifications = dataSource.getRepository(NotificationEntity);
  }

  findByIds(ids: readonly string[]): Promise<NotificationEntity[]> {
    return findByIds(this.notifications, ids);
  }

  /** One of the user's own notifications; someone else's is as good as missing. */
  findOwn(userId: string, id: string): Promise<NotificationEntity | null> {
    return this.notifications.findOne({ where: { id: uuidOrNil(id), userId } });
  }

  /** The user's own feed, newest first. */
  async listForUser(userId: string, args: { unreadOnly?: boolean | null; first?: number | null; after?: string | null }): Promise<Connection<NotificationEntity>> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    const query = this.notifications
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(first + 1);
    if (args.unreadOnly) query.andWhere('n.read_at IS NULL');
    if (after) query.andWhere('(n.created_at, n.id) < (:createdAt, :id)', { createdAt: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, first, (n) => [n.createdAt.toISOString(), n.id]);
  }

  /** The newest few, for the Atom feed. */
  latestForUser(userId: string, limit: number): Promise<NotificationEntity[]> {
    return this.notifications.find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  countUnread(userId: string): Promise<number> {
    return this.notifications.createQueryBuilder('n').where('n.user_id = :userId AND n.read_at IS NULL', { userId }).getCount();
  }

  /** Marks the given (own) notifications, or all of them, read; returns how many changed. */
  async markRead(userId: string, ids: readonly string[] | null | undefined, all: boolean | null | undefined): Promise<number> {
    if (all && ids?.length) throw new BadUserInputError('Pass ids or all, not both', [{ path: 'all', message: 'cannot be combined with ids' }]);
    if (!all && !ids?.length) throw new BadUserInputError('Pass ids or all: true', [{ path: 'ids', message: 'must list at least one id' }]);
    if (ids && ids.length > MAX_MARK_READ_IDS) {
      throw new BadUserInputError(`At most ${MAX_MARK_READ_IDS} ids at once`, [{ path: 'ids', message: `must list at most ${MAX_MARK_READ_IDS} ids` }]);
    }
    const query = this.notifications
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('user_id = :userId AND read_at IS NULL', { userId });
    if (!all) query.andWhere('id IN (:...ids)', { ids: ids!.map(uuidOrNil) });
    const result = await query.execute();
    return result.affected ?? 0;
  }

  /**
   * An operators' message to the given users, or to everyone who follows anything (this subgraph
   * knows no other users). One event id for the whole broadcast keeps it once per user.
   */
  async broadcast(input: unknown): Promise<number> {
    const parsed = parseInput(broadcastSchema, input);
    const eventId = randomUUID();
    const created: { id: string; user_id: string }[] = await this.dataSource.transaction(async (manager) => {
      const rows: { id: string; user_id: string }[] = await manager.query(
        `INSERT INTO notification (user_id, event_id, kind, title, message)
         SELECT u, $1, 'ADMIN_BROADCAST', $2, $3
         FROM (SELECT DISTINCT u FROM unnest(COALESCE($4::uuid[], ARRAY(SELECT DISTINCT user_id FROM follow))) AS u) AS users
         ON CONFLICT (user_id, event_id) DO NOTHING
         RETURNING id, user_id`,
        [eventId, parsed.title, parsed.message, parsed.userIds ?? null],
      );
      await enqueueDeliveries(manager, eventId);
      return rows;
    });
    if (created.length > 0) this.onNotified?.();
    for (const row of created) {
      await this.live?.publish(LIVE_CHANNELS.notificationAdded, { id: row.id, userId: row.user_id } satisfies NotificationAddedMessage).catch(() => undefined);
    }
    return created.length;
  }

  /**
   * A notice to one fan from the service itself (a channel was paused), in the caller's
   * transaction; it is not sent to the fan's channels, which may be the thing that broke.
   */
  async insertNotice(manager: EntityManager, notice: { userId: string; title: string; message: string }): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notification (user_id, event_id, kind, title, message) VALUES ($1, $2, 'CHANNEL_PAUSED', $3, $4) RETURNING id`,
      [notice.userId, randomUUID(), notice.title.slice(0, 200), notice.message.slice(0, 2_000)],
    );
    return rows[0]!.id;
  }

  /** The live push of a committed notification; a lost push is acceptable (the feed has it). */
  async publishAdded(id: string, userId: string): Promise<void> {
    await this.live?.publish(LIVE_CHANNELS.notificationAdded, { id, userId } satisfies NotificationAddedMessage).catch(() => undefined);
  }
}
