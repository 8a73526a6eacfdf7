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

  /** Inserted in the order given; a label another transaction inserted first stays as it is. */
  async insertUnlessSlugTaken(labels: readonly { name: string; slug: string; nameFolded: string }[]): Promise<void> {
    await this.db.query(
      `INSERT INTO label (name, slug, name_folded) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (slug) DO NOTHING`,
      [labels.map((l) => l.name), labels.map((l) => l.slug), labels.map((l) => l.nameFolded)],
    );
  }
}
