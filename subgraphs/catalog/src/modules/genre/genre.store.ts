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

  /** Inserted in the order given; a slug another transaction inserted first stays as it is. */
  async insertUnlessSlugTaken(genres: readonly { name: string; slug: string }[]): Promise<void> {
    await this.db.query(`INSERT INTO genre (name, slug) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (slug) DO NOTHING`, [
      genres.map((g) => g.name),
      genres.map((g) => g.slug),
    ]);
  }
}
