import { type DataSource, type Repository } from 'typeorm';
import { decodeCursor, findByIds, pageSize, toConnection, type Connection } from '@mrt/graphql-kit';
import { foldName } from '../../resolution/normalize.js';
import { escapeLike } from '../band/band.service.js';
import { LabelEntity } from './label.entity.js';

export interface LabelListArgs {
  search?: string | null;
  country?: string | null;
  first?: number | null;
  after?: string | null;
}

export class LabelService {
  private readonly labels: Repository<LabelEntity>;

  constructor(dataSource: DataSource) {
    this.labels = dataSource.getRepository(LabelEntity);
  }

  findByIds(ids: readonly string[]): Promise<LabelEntity[]> {
    return findByIds(this.labels, ids);
  }

  findBySlug(slug: string): Promise<LabelEntity | null> {
    return this.labels.findOneBy({ slug });
  }

  /** Alphabetical keyset pagination on (lower(name), id). */
  async list(args: LabelListArgs): Promise<Connection<LabelEntity>> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    const query = this.labels.createQueryBuilder('l').orderBy('lower(l.name)', 'ASC').addOrderBy('l.id', 'ASC').limit(first + 1);
    const folded = args.search ? foldName(args.search) : '';
    if (folded) query.andWhere('l.name_folded LIKE :search', { search: `%${escapeLike(folded)}%` });
    if (args.country) query.andWhere('l.country = :country', { country: args.country.toUpperCase() });
    if (after) query.andWhere('(lower(l.name), l.id) > (:name, :id)', { name: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, first, (label) => [label.name.toLowerCase(), label.id]);
  }
}
