import { type DataSource, type Repository } from 'typeorm';
import { findByIds, groupByKey } from '@mrt/graphql-kit';
import { GenreEntity } from './genre.entity.js';

export class GenreService {
  private readonly genres: Repository<GenreEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.genres = dataSource.getRepository(GenreEntity);
  }

  list(): Promise<GenreEntity[]> {
    return this.genres.find({ order: { name: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<GenreEntity[]> {
    return findByIds(this.genres, ids);
  }

  /** Genres of many bands in one query, grouped in the order of `bandIds`. */
  async ofBands(bandIds: readonly string[]): Promise<GenreEntity[][]> {
    if (bandIds.length === 0) return [];
    const rows: (GenreEntity & { bandId: string })[] = await this.dataSource.query(
      `SELECT bg.band_id AS "bandId", g.id, g.name, g.slug FROM band_genre bg JOIN genre g ON g.id = bg.genre_id
        WHERE bg.band_id = ANY($1::uuid[]) ORDER BY g.name`,
      [bandIds],
    );
    return groupByKey(bandIds, rows, (row) => row.bandId);
  }
}
