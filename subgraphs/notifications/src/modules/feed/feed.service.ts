import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FollowStore } from '../follow/follow.store.js';
import { ReleaseProjection, type UpcomingRelease } from '../projection/release.projection.js';
import { FeedTokenStore } from './feed-token.store.js';
import { FEED_PATHS, type FeedKind } from './feed-kind.js';

/**
 * Secret, revocable feed URLs: feed readers and calendar apps cannot send a bearer token, so the
 * URL itself is the credential. Only its hash is stored; a new URL revokes the previous one.
 */
export class FeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publicUrl: string,
  ) {}

  async createUrl(userId: string, kind: FeedKind): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (manager) => {
      const tokens = new FeedTokenStore(manager);
      await tokens.revoke(userId, kind);
      await tokens.insert(token, userId, kind);
    });
    return `${this.publicUrl.replace(/\/$/, '')}${FEED_PATHS[kind]}?token=${token}`;
  }

  async revoke(userId: string, kind: FeedKind): Promise<boolean> {
    return (await new FeedTokenStore(this.dataSource).revoke(userId, kind)) > 0;
  }

  async userForToken(token: string, kind: FeedKind): Promise<string | null> {
    if (!/^[\w-]{20,100}$/.test(token)) return null;
    return new FeedTokenStore(this.dataSource).userFor(token, kind);
  }

  /** Day-exact releases from yesterday on of the bands the user follows (a calendar needs a day). */
  async upcomingReleasesOfFollowedBands(userId: string, limit = 200): Promise<UpcomingRelease[]> {
    const bandIds = await new FollowStore(this.dataSource).targetIdsOfUser(userId, 'BAND');
    return new ReleaseProjection(this.dataSource).upcomingOfBands(bandIds, limit);
  }
}
