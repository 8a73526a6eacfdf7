import type { DataSource } from 'typeorm';
import { decodeCursor, pageSize, toConnection, type Connection } from '@mrt/graphql-kit';
import { foldName } from '../../resolution/normalize.js';
import type { LabelEntity } from './label.entity.js';
import { LabelStore } from './label.store.js';

export interface LabelListArgs {
  search?: string | null;
  country?: string | null;
  first?: number | null;
  after?: string | null;
}

export class LabelService {
  private readonly labels: LabelStore;

  constructor(dataSource: DataSource) {
    this.labels = new LabelStore(dataSource);
  }

  findByIds(ids: readonly string[]): Promise<LabelEntity[]> {
    return this.labels.findByIds(ids);
  }

  findBySlug(slug: string): Promise<LabelEntity | null> {
    return this.labels.findBySlug(slug);
  }

  /** Alphabetical keyset pagination on (lower(name), id). */
  async list(args: LabelListArgs): Promise<Connection<LabelEntity>> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    const folded = args.search ? foldName(args.search) : '';
    const rows = await this.labels.list({
      foldedPart: folded || null,
      country: args.country ? args.country.toUpperCase() : null,
      after,
      limit: first + 1,
    });
    return toConnection(rows, first, (label) => [label.name.toLowerCase(), label.id]);
  }
}
