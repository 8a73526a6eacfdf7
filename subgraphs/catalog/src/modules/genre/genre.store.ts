import type { DataSource, EntityManager, Repository } from 'typeorm';
import { findByIds } from '@mrt/graphql-kit';
import { GenreEntity } from './genre.entity.js';

/** The only place with SQL for genre (a band's genres are band_genre, in the band store). */
export class GenreStore {
  private readonly genres: Repository<GenreEntity>;

  constructor(private readonly db: DataSource | EntityManager) {
    this.genres = db.getRepository(GenreEntity);
  }

  list(): Promise<GenreEntity[]> {
    return this.genres.find({ order: { name: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<GenreEntity[]> {
    return findByIds(this.genres, ids);
  }

  /** Ids of the genres among `slugs` that exist, by slug. */
  async idsBySlug(slugs: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; slug: string }[] = await this.db.query(`SELECT id, slug FROM genre WHERE slug = ANY($1::text[])`, [slugs]);
    return new Map(rows.map((row) => [row.slug, row.id]));
  }

  /**
   * Ids by slug of these genres, inserting (in the order given) those that do not exist: one
   * statement. A genre another transaction inserted first stays as it is; one it committed while
   * this statement ran is missing from the answer (idsBySlug then finds it).
   */
  async idsInsertingMissing(genres: readonly { name: string; slug: string }[]): Promise<Map<string, string>> {
    const rows: { id: string; slug: string }[] = await this.db.query(
      `WITH wanted AS (SELECT * FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS w(name, slug, position)),
       existing AS (SELECT id, slug FROM genre WHERE slug IN (SELECT slug FROM wanted)),
       inserted AS (
         INSERT INTO genre (name, slug)
         SELECT name, slug FROM wanted WHERE slug NOT IN (SELECT slug FROM existing) ORDER BY position
         ON CONFLICT (slug) DO NOTHING RETURNING id, slug
       )
       SELECT id, slug FROM existing UNION ALL SELECT id, slug FROM inserted`,
      [genres.map((g) => g.name), genres.map((g) => g.slug)],
    );
    return new Map(rows.map((row) => [row.slug, row.id]));
  }
}
