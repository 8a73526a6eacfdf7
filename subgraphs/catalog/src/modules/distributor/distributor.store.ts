import type { DataSource, DeepPartial, EntityManager, Repository } from 'typeorm';
import { selectEntities } from '@mrt/graphql-kit';
import { DistributorEntity } from './distributor.entity.js';

/** The columns resolution needs of a shop: its id for the event, its country as evidence. */

export interface DistributorRef {
  id: string;
  country: string;
}

/** The only place with SQL for distributor. */
export class DistributorStore {
  private readonly distributors: Repository<DistributorEntity>;

  constructor(private readonly db: DataSource | EntityManager) {
    this.distributors = db.getRepository(DistributorEntity);
  }

  /** One page in (lower(name), id) order after the cursor's (lower(name), id), `limit` rows at most. */
  list(after: readonly (string | number | null)[] | null, limit: number): Promise<DistributorEntity[]> {
    const query = this.distributors.createQueryBuilder('d').orderBy('lower(d.name)', 'ASC').addOrderBy('d.id', 'ASC').limit(limit);
    if (after) query.where('(lower(d.name), d.id) > (:name, :id)', { name: after[0], id: after[1] });
    return query.getMany();
  }

  /** Shops an operator stands behind (not provisional auto-created ones), by name. */
  listConfirmed(): Promise<DistributorEntity[]> {
    return this.distributors.find({ where: { autoCreated: false }, order: { name: 'ASC' } });
  }

  /** Plain SQL: every page naming shops resolves them here, and TypeORM's query building and hydration cost more than the statement. */
  findByIds(ids: readonly string[]): Promise<DistributorEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return selectEntities(this.db, DistributorEntity, 'WHERE id = ANY($1::uuid[])', [ids]);
  }

  /** A new shop's entity, not yet saved. */
  build(fields: DeepPartial<DistributorEntity>): DistributorEntity {
    return this.distributors.create(fields);
  }

  /** Inserts a new shop or updates a loaded one; a taken name or slug fails with 23505. */
  save(distributor: DistributorEntity): Promise<DistributorEntity> {
    return this.distributors.save(distributor);
  }

  /** The shops among `ids` that exist, by id. */
  async refsByIds(ids: readonly string[]): Promise<Map<string, DistributorRef>> {
    const rows: DistributorRef[] = await this.db.query(`SELECT id, country FROM distributor WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Every shop's website, oldest shop first: shops are a few dozen rows. */
  websites(): Promise<(DistributorRef & { websiteUrl: string })[]> {
    return this.db.query(`SELECT id, country, website_url AS "websiteUrl" FROM distributor ORDER BY created_at, id`);
  }

  /** A shop resolution found no match for, with provisional values; null when its name or slug is taken. */
  async insertAutoCreated(shop: { name: string; slug: string; country: string; websiteUrl: string; currency: string }): Promise<DistributorRef | null> {
    const inserted: DistributorRef[] = await this.db.query(
      `INSERT INTO distributor (name, slug, country, website_url, currency, auto_created) VALUES ($1, $2, $3, $4, $5, true)
       ON CONFLICT DO NOTHING RETURNING id, country`,
      [shop.name, shop.slug, shop.country, shop.websiteUrl, shop.currency],
    );
    return inserted[0] ?? null;
  }

  /** The oldest shop holding this slug or (case-insensitively) this name. */
  async findRefBySlugOrName(slug: string, name: string): Promise<DistributorRef | null> {
    const [row]: DistributorRef[] = await this.db.query(`SELECT id, country FROM distributor WHERE slug = $1 OR lower(name) = lower($2) ORDER BY created_at LIMIT 1`, [
      slug,
      name,
    ]);
    return row ?? null;
  }
}
