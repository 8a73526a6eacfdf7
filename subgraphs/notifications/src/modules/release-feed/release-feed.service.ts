import type { DataSource } from 'typeorm';
import { parseInput } from '@mrt/graphql-kit';
import { releaseFeedMatches } from '../../domain/release-feed-filter.js';
import { uuidOrNil } from '../follow/follow.service.js';
import { ReleaseFeedStore, type ReleaseFeedRow } from './release-feed.store.js';
import { releaseFeedFilterSchema } from './release-feed.validation.js';

export type { ReleaseFeedRow };

export class ReleaseFeedService {
  private readonly feed: ReleaseFeedStore;

  constructor(dataSource: DataSource) {
    this.feed = new ReleaseFeedStore(dataSource);
  }

  findByIds(ids: readonly string[]): Promise<ReleaseFeedRow[]> {
    return this.feed.findByIds(ids.map(uuidOrNil));
  }

  /**
   * The item if it is news for the subscriber's filter, else null: the gateway forwards each
   * subscriber's filter with the pushed key and delivers only what this answers.
   */
  forFilter(item: ReleaseFeedRow | null | undefined, filter: unknown): ReleaseFeedRow | null {
    const parsed = parseInput(releaseFeedFilterSchema, { filter });
    return item && releaseFeedMatches(parsed.filter, item) ? item : null;
  }
}
