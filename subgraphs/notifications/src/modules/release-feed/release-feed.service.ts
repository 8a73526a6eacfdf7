import type { DataSource } from 'typeorm';
import { uuidOrNil } from '../follow/follow.service.js';
import { ReleaseFeedStore, type ReleaseFeedRow } from './release-feed.store.js';

export type { ReleaseFeedRow };

export class ReleaseFeedService {
  private readonly feed: ReleaseFeedStore;

  constructor(dataSource: DataSource) {
    this.feed = new ReleaseFeedStore(dataSource);
  }

  findByIds(ids: readonly string[]): Promise<ReleaseFeedRow[]> {
    return this.feed.findByIds(ids.map(uuidOrNil));
  }
}
