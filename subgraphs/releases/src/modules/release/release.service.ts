import type { DataSource, Repository } from 'typeorm';
import { decodeCursor, findByIds, groupByKey, pageSize, toConnection, type Connection } from '@mrt/graphql-kit';
import { ReleaseEntity } from './release.entity.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export class ReleaseService {
  private readonly releases: Repository<ReleaseEntity>;

  constructor(dataSource: DataSource) {
    this.releases = dataSource.getRepository(ReleaseEntity);
  }

  findByIds(ids: readonly string[]): Promise<ReleaseEntity[]> {
    return findByIds(this.releases, ids);
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(args: PageArgs): Promise<Connection<ReleaseEntity>> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    const query = this.releases
      .createQueryBuilder('r')
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(first + 1);
    if (after) query.where('(r.created_at, r.id) < (:createdAt, :id)', { createdAt: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, first, (release) => [release.createdAt.toISOString(), release.id]);
  }

  /**
   * One page of releases for each of many bands in one statement (row_number per band), so a
   * page of bands with their releases costs one query, not one per band.
   */
  async pageForBands(bandIds: readonly string[], args: PageArgs): Promise<Connection<ReleaseEntity>[]> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 3);
    const params: unknown[] = [bandIds, first + 1];
    let afterClause = '';
    if (after) {
      params.push(after[0] ?? '9999-12-31', after[1] ?? '', after[2]);
      afterClause = `AND (coalesce(r.release_date, '0001-01-01'::date), r.title, r.id) < ($3::date, $4, $5::uuid)`;
    }
    const rows: ReleaseRow[] = await this.releases.query(
      `SELECT id, band_id, title, type, release_date::text AS release_date, created_at FROM (
         SELECT r.*, row_number() OVER (
           PARTITION BY r.band_id ORDER BY coalesce(r.release_date, '0001-01-01'::date) DESC, r.title DESC, r.id DESC
         ) AS position
         FROM release r
         WHERE r.band_id = ANY($1::uuid[]) ${afterClause}
       ) ranked
       WHERE position <= $2
       ORDER BY band_id, position`,
      params,
    );
    const grouped = groupByKey(bandIds, rows.map(toEntity), (release) => release.bandId);
    return grouped.map((releases) =>
      toConnection(releases, first, (release) => [release.releaseDate ?? '0001-01-01', release.title, release.id]),
    );
  }
}

interface ReleaseRow {
  id: string;
  band_id: string;
  title: string;
  type: ReleaseEntity['type'];
  release_date: string | null;
  created_at: Date;
}

function toEntity(row: ReleaseRow): ReleaseEntity {
  return Object.assign(new ReleaseEntity(), {
    id: row.id,
    bandId: row.band_id,
    title: row.title,
    type: row.type,
    releaseDate: row.release_date,
    createdAt: row.created_at,
  });
}

