import { type DataSource, type Repository } from 'typeorm';
import { decodeCursor, findByIds, pageSize, toConnection, type Connection } from '@mrt/graphql-kit';
import { BandEntity } from './band.entity.js';

export interface BandListArgs {
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

export class BandService {
  private readonly bands: Repository<BandEntity>;

  constructor(dataSource: DataSource) {
    this.bands = dataSource.getRepository(BandEntity);
  }

  findByIds(ids: readonly string[]): Promise<BandEntity[]> {
    return findByIds(this.bands, ids);
  }

  findBySlug(slug: string): Promise<BandEntity | null> {
    return this.bands.findOneBy({ slug });
  }

  /** Alphabetical keyset pagination on (lower(name), id): stable under inserts. */
  async list(args: BandListArgs): Promise<Connection<BandEntity>> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    const query = this.bands.createQueryBuilder('b').orderBy('lower(b.name)', 'ASC').addOrderBy('b.id', 'ASC').limit(first + 1);
    if (args.search) query.andWhere('unaccent(b.name) ILIKE unaccent(:search)', { search: `%${escapeLike(args.search)}%` });
    if (after) query.andWhere('(lower(b.name), b.id) > (:name, :id)', { name: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, first, (band) => [band.name.toLowerCase(), band.id]);
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
