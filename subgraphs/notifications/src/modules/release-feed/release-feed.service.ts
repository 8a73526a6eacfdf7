import type { DataSource } from 'typeorm';
import type { Format, ReleaseFeedMessage } from '@mrt/events';
import { uuidOrNil } from '../follow/follow.service.js';
import type { NotificationKind } from '../notification/notification-kind.js';

export interface ReleaseFeedRow {
  id: string;
  kind: NotificationKind;
  releaseId: string;
  offerId: string | null;
  bandIds: string[];
  genreIds: string[];
  format: Format | null;
  occurredAt: Date;
}

export class ReleaseFeedService {
  constructor(private readonly dataSource: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<ReleaseFeedRow[]> {
    const rows: { id: string; kind: NotificationKind; release_id: string; offer_id: string | null; band_ids: string[]; genre_ids: string[]; format: Format | null; occurred_at: Date }[] =
      await this.dataSource.query(
        `SELECT id, kind, release_id, offer_id, band_ids, genre_ids, format, occurred_at FROM release_feed_event WHERE id = ANY($1::uuid[])`,
        [ids.map(uuidOrNil)],
      );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      releaseId: row.release_id,
      offerId: row.offer_id,
      bandIds: row.band_ids,
      genreIds: row.genre_ids,
      format: row.format,
      occurredAt: row.occurred_at,
    }));
  }
}

export type { ReleaseFeedMessage };
