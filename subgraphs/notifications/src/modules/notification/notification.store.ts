import type { DataSource, EntityManager, Repository } from 'typeorm';
import { findByIds, groupRows } from '@mrt/graphql-kit';
import { NotificationEntity } from './notification.entity.js';
import { formatMoney, type Money } from '@mrt/money';
import type { NotificationKind } from './notification-kind.js';

/** One message for several fans, caused by one event. */
export interface NewNotifications {
  userIds: readonly string[];
  eventId: string;
  kind: NotificationKind;
  title: string;
  message: string;
  releaseId?: string | null;
  offerId?: string | null;
  /** Per fan, the delivered price their follow's condition judged: stored and said in the message. */
  delivered?: ReadonlyMap<string, { total: Money; country: string }>;
}

export interface NotificationKey {
  id: string;
  userId: string;
}

/** The only place with SQL or repository calls for the notification table. */
export class NotificationStore {
  private readonly notifications: Repository<NotificationEntity>;

  constructor(private readonly db: DataSource | EntityManager) {
    this.notifications = db.getRepository(NotificationEntity);
  }

  /** Account deletion: every notification of the user (their deliveries cascade). */
  async deleteAllOf(userId: string): Promise<void> {
    await this.notifications.delete({ userId });
  }

  findByIds(ids: readonly string[]): Promise<NotificationEntity[]> {
    return findByIds(this.notifications, ids);
  }

  findOwn(userId: string, id: string): Promise<NotificationEntity | null> {
    return this.notifications.findOne({ where: { id, userId } });
  }

  /** One page of the user's feed, newest first, after the (createdAt, id) cursor. */
  pageOfUser(userId: string, page: { unreadOnly: boolean; limit: number; after: readonly (string | number | null)[] | null }): Promise<NotificationEntity[]> {
    const query = this.notifications
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(page.limit);
    if (page.unreadOnly) query.andWhere('n.read_at IS NULL');
    if (page.after) query.andWhere('(n.created_at, n.id) < (:createdAt, :id)', { createdAt: page.after[0], id: page.after[1] });
    return query.getMany();
  }

  latestOfUser(userId: string, limit: number): Promise<NotificationEntity[]> {
    return this.notifications.find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  countUnread(userId: string): Promise<number> {
    return this.notifications.createQueryBuilder('n').where('n.user_id = :userId AND n.read_at IS NULL', { userId }).getCount();
  }

  /** Marks the given ids (all when null) of the user read; returns how many were unread. */
  async markRead(userId: string, ids: readonly string[] | null): Promise<number> {
    const query = this.notifications
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('user_id = :userId AND read_at IS NULL', { userId });
    if (ids) query.andWhere('id IN (:...ids)', { ids });
    const result = await query.execute();
    return result.affected ?? 0;
  }

  /**
   * One notification per fan; the unique (user_id, event_id) index makes a repeated event a no-op,
   * so only the rows created now are returned.
   */
  async insertForUsers(notification: NewNotifications): Promise<NotificationKey[]> {
    return this.insertForEvents([notification]);
  }

  /** The notifications of many events in one statement (a batch of events), as insertForUsers makes them. */
  async insertForEvents(notifications: readonly NewNotifications[]): Promise<(NotificationKey & { eventId: string })[]> {
    const rows = notifications.flatMap((n) => [...new Set(n.userIds)].map((userId) => ({ ...n, userId, judged: n.delivered?.get(userId) ?? null })));
    if (rows.length === 0) return [];
    const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
    const inserted: { id: string; user_id: string; event_id: string }[] = await this.db.query(
      `INSERT INTO notification (user_id, event_id, kind, title, message, release_id, offer_id, delivered_amount, delivered_currency, delivered_country)
       SELECT user_id, event_id, kind, title, message, release_id, offer_id, delivered_amount, delivered_currency, delivered_country
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::numeric[], $9::text[], $10::text[]) WITH ORDINALITY
            AS n(user_id, event_id, kind, title, message, release_id, offer_id, delivered_amount, delivered_currency, delivered_country, position)
       ORDER BY position
       ON CONFLICT (user_id, event_id) DO NOTHING
       RETURNING id, user_id, event_id`,
      [
        column((r) => r.userId),
        column((r) => r.eventId),
        column((r) => r.kind),
        column((r) => r.title),
        // The fan is told the delivered price their condition was judged on.
        column((r) => (r.judged ? `${r.message} Delivered to ${r.judged.country}: ${formatMoney(r.judged.total)}.` : r.message)),
        column((r) => r.releaseId ?? null),
        column((r) => r.offerId ?? null),
        column((r) => r.judged?.total.amount ?? null),
        column((r) => r.judged?.total.currency ?? null),
        column((r) => r.judged?.country ?? null),
      ],
    );
    return inserted.map((row) => ({ ...toKey(row), eventId: row.event_id }));
  }

  /** What one event notified, whoever wrote it. */
  async ofEvent(eventId: string): Promise<NotificationKey[]> {
    return (await this.ofEvents([eventId])).get(eventId) ?? [];
  }

  /** What these events notified, whoever wrote it, by event. */
  async ofEvents(eventIds: readonly string[]): Promise<Map<string, NotificationKey[]>> {
    const rows: { id: string; user_id: string; event_id: string }[] = await this.db.query(`SELECT id, user_id, event_id FROM notification WHERE event_id = ANY($1::uuid[])`, [
      eventIds,
    ]);
    return new Map([...groupRows(rows, (row) => row.event_id)].map(([eventId, ofEvent]) => [eventId, ofEvent.map(toKey)]));
  }
}

function toKey(row: { id: string; user_id: string }): NotificationKey {
  return { id: row.id, userId: row.user_id };
}
