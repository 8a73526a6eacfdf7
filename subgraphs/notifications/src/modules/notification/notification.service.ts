import type { DataSource, Repository } from 'typeorm';
import { decodeCursor, findByIds, pageSize, toConnection, type Connection } from '@mrt/graphql-kit';
import { NotificationEntity } from './notification.entity.js';

export class NotificationService {
  private readonly notifications: Repository<NotificationEntity>;

  constructor(dataSource: DataSource) {
    this.notifications = dataSource.getRepository(NotificationEntity);
  }

  findByIds(ids: readonly string[]): Promise<NotificationEntity[]> {
    return findByIds(this.notifications, ids);
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

  countUnread(userId: string): Promise<number> {
    return this.notifications.createQueryBuilder('n').where('n.user_id = :userId AND n.read_at IS NULL', { userId }).getCount();
  }
}
