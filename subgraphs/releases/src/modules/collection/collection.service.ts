import type { DataSource } from 'typeorm';
import { createEvent, enqueueEvents, subjects, type AnyEvent, type Format, type OutboxRelay } from '@mrt/events';
import { AppError, ErrorCode, NotFoundError, decodeCursor, isUuid, pageSize, parseInput, toConnection, BadUserInputError, type Connection } from '@mrt/graphql-kit';
import { ReleaseStore } from '../release/release.store.js';
import { collectionCsv, parseCollectionCsv, type InvalidRow } from './collection-csv.js';
import type { CollectionItemEntity } from './collection-item.entity.js';
import { CollectionItemStore, type CollectionFilter } from './collection-item.store.js';
import { matchRows, titleKeys, type UnmatchedRow } from './collection-match.js';
import type { CollectionStatusValue } from './collection-status.js';
import { MAX_COLLECTION_ITEMS, collectionKeySchema, setCollectionItemSchema } from './collection.validation.js';

export interface CollectionImportReport {
  imported: number;
  alreadyThere: number;
  unmatched: UnmatchedRow[];
  invalid: InvalidRow[];
}

/**
 * A fan's want list and shelf. Wanting a release makes the fan follow it; follows are
 * notifications', so a WANT writes collection.want.added into the outbox in the same transaction
 * as the row and notifications makes the follow (a rolled-back import leaves no stray follows).
 */
export class CollectionService {
  private readonly items: CollectionItemStore;
  private readonly releases: ReleaseStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay?: Pick<OutboxRelay, 'notify'>,
  ) {
    this.items = new CollectionItemStore(dataSource);
    this.releases = new ReleaseStore(dataSource);
  }

  async set(userId: string, input: unknown): Promise<CollectionItemEntity> {
    const parsed = parseInput(setCollectionItemSchema, input);
    const [release] = await this.releases.findByIds([parsed.releaseId]);
    if (!release) throw new NotFoundError('Release', parsed.releaseId);
    const { item, events } = await this.dataSource.transaction(async (manager) => {
      const items = new CollectionItemStore(manager);
      const key = { userId, releaseId: release.id, format: parsed.format };
      await this.ensureRoom(items, userId, 1);
      const result = await items.upsert(key, parsed.status);
      const nowWanted = parsed.status === 'WANT' && result.previous !== 'WANT';
      const events = nowWanted ? [wantAdded(userId, release.id, release.bandIds, false)] : [];
      await enqueueEvents(manager, events);
      return { item: result.item, events };
    });
    if (events.length > 0) this.relay?.notify();
    return item;
  }

  remove(userId: string, releaseId: string, format: Format | null): Promise<boolean> {
    if (!isUuid(releaseId)) return Promise.resolve(false);
    const key = parseInput(collectionKeySchema, { releaseId, format });
    return this.items.remove({ userId, ...key });
  }

  /** Newest first, keyset-paginated on (added, id). */
  async page(userId: string, filter: CollectionFilter, args: { first?: number | null; after?: string | null }): Promise<Connection<CollectionItemEntity>> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    if (after && (typeof after[0] !== 'string' || Number.isNaN(Date.parse(after[0])) || typeof after[1] !== 'string' || !isUuid(after[1]))) {
      throw new BadUserInputError('after is not a cursor of this list', [{ path: 'after', message: 'not a cursor from this list' }]);
    }
    const rows = await this.items.page(userId, filter, after ? { createdAt: after[0] as string, id: after[1] as string } : null, first + 1);
    return toConnection(rows, first, (item) => [item.createdAt.toISOString(), item.id]);
  }

  statusesOf(userId: string, releaseIds: readonly string[]): Promise<Map<string, CollectionStatusValue>> {
    return this.items.statusesOf(
      userId,
      releaseIds.filter((id) => isUuid(id)),
    );
  }

  async exportCsv(userId: string): Promise<string> {
    return collectionCsv(await this.items.exportRows(userId));
  }

  /**
   * Imports a Discogs (or our own) CSV export: good rows are matched and added, broken rows listed
   * as invalid, rows naming no known release listed as unmatched. Adding is idempotent (a row
   * already in the collection, in any status, counts as alreadyThere and changes nothing), so
   * importing the same file twice adds nothing and asks for no follow twice.
   */
  async importCsv(userId: string, csv: string, status: CollectionStatusValue, followBands: boolean): Promise<CollectionImportReport> {
    const { rows, invalid } = parseCollectionCsv(csv);
    const [candidates, known] = await Promise.all([
      this.releases.byCanonicalTitles(rows.flatMap(titleKeys)),
      this.releases.findByIds([...new Set(rows.flatMap((row) => (row.releaseId ? [row.releaseId] : [])))]),
    ]);
    const { matched, unmatched } = matchRows(rows, candidates, new Map(known.map((release) => [release.id, release])));
    const result = await this.dataSource.transaction(async (manager) => {
      const items = new CollectionItemStore(manager);
      await this.ensureRoom(items, userId, matched.length);
      let imported = 0;
      const events: AnyEvent[] = [];
      for (const { row, releaseId, bandIds } of matched) {
        if (!(await items.insertIfAbsent({ userId, releaseId, format: row.format }, status))) continue;
        imported += 1;
        if (status === 'WANT') events.push(wantAdded(userId, releaseId, bandIds, followBands));
      }
      await enqueueEvents(manager, events);
      return { imported, events: events.length };
    });
    if (result.events > 0) this.relay?.notify();
    return { imported: result.imported, alreadyThere: matched.length - result.imported, unmatched, invalid };
  }

  /** Refuses a change that would take the collection over its bound (counted inside the transaction). */
  private async ensureRoom(items: CollectionItemStore, userId: string, adding: number): Promise<void> {
    if ((await items.countOfUser(userId)) + adding > MAX_COLLECTION_ITEMS) {
      throw new AppError(`A collection holds at most ${MAX_COLLECTION_ITEMS} items; remove some first`, ErrorCode.CONFLICT);
    }
  }
}

function wantAdded(userId: string, releaseId: string, bandIds: string[], followBands: boolean): AnyEvent {
  return createEvent('collection.want.added', { producer: 'releases', subject: subjects.collection(userId), data: { userId, releaseId, bandIds, followBands } });
}

