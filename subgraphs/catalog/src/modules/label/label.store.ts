import type { DataSource, EntityManager, Repository } from 'typeorm';
import { findByIds } from '@mrt/graphql-kit';
import { containing } from '../../like-pattern.js';
import { LabelEntity } from './label.entity.js';

export interface LabelFilter {
  /** Part of the folded name (foldName). */
  foldedPart: string | null;
  country: string | null;
  /** Keyset cursor: (lower(name), id) of the last label of the previous page. */
  after: readonly (string | number | null)[] | null;
  limit: number;
}

/** The only place with SQL for label. */
export class LabelStore {
  private readonly labels: Repository<LabelEntity>;

  constructor(private readonly db: DataSource | EntityManager) {
    this.labels = db.getRepository(LabelEntity);
  }

  findByIds(ids: readonly string[]): Promise<LabelEntity[]> {
    return findByIds(this.labels, ids);
  }

  findBySlug(slug: string): Promise<LabelEntity | null> {
    return this.labels.findOneBy({ slug });
  }

  /** One page in (lower(name), id) order, `limit` rows at most. */
  list(filter: LabelFilter): Promise<LabelEntity[]> {
    const query = this.labels.createQueryBuilder('l').orderBy('lower(l.name)', 'ASC').addOrderBy('l.id', 'ASC').limit(filter.limit);
    if (filter.foldedPart) query.andWhere('l.name_folded LIKE :search', { search: containing(filter.foldedPart) });
    if (filter.country) query.andWhere('l.country = :country', { country: filter.country });
    if (filter.after) query.andWhere('(lower(l.name), l.id) > (:name, :id)', { name: filter.after[0], id: filter.after[1] });
    return query.getMany();
  }

  /** Ids of the labels among `slugs` that exist, by slug: resolution asks for nearly every listing's label. */
  async idsBySlug(slugs: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; slug: string }[] = await this.db.query(`SELECT id, slug FROM label WHERE slug = ANY($1::text[])`, [slugs]);
    return new Map(rows.map((row) => [row.slug, row.id]));
  }

  /**
   * Ids by slug of these labels, inserting (in the order given) those that do not exist: one
   * statement. A label another transaction inserted first stays as it is; one it committed while
   * this statement ran is missing from the answer (idsBySlug then finds it).
   */
  async idsInsertingMissing(labels: readonly { name: string; slug: string; nameFolded: string }[]): Promise<Map<string, string>> {
    const rows: { id: string; slug: string }[] = await this.db.query(
      `WITH wanted AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS w(name, slug, name_folded, position)),
       existing AS (SELECT id, slug FROM label WHERE slug IN (SELECT slug FROM wanted)),
       inserted AS (
         INSERT INTO label (name, slug, name_folded)
         SELECT name, slug, name_folded FROM wanted WHERE slug NOT IN (SELECT slug FROM existing) ORDER BY position
         ON CONFLICT (slug) DO NOTHING RETURNING id, slug
       )
       SELECT id, slug FROM existing UNION ALL SELECT id, slug FROM inserted`,
      [labels.map((l) => l.name), labels.map((l) => l.slug), labels.map((l) => l.nameFolded)],
    );
    return new Map(rows.map((row) => [row.slug, row.id]));
  }
}
