import type { TestSubgraph } from '@mrt/graphql-kit/testing';
import { createLogger } from '@mrt/platform';
import { NotificationMatchingService } from '../modules/matching/notification-matching.service.js';
import type { ReleaseChangeEvent } from '../modules/matching/occurrence.js';

/** Runs the matcher on an event again past the inbox (as if its inbox row were lost). */
export async function matchPastTheInbox(sut: TestSubgraph, event: ReleaseChangeEvent): Promise<void> {
  const matching = new NotificationMatchingService({
    dataSource: sut.db.dataSource,
    logger: createLogger({ name: 'test', level: 'silent' }),
    rules: () => ({ initialImportRecentDays: 30, now: new Date() }),
  });
  await sut.db.dataSource.transaction((manager) => matching.handle(event, manager));
}
