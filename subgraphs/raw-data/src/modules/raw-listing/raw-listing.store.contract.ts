import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapturedItem } from '../../capture/captured-item.js';
import type { RawListingStore } from './raw-listing.store.js';

/**
 * The behaviour every raw listing store must have, run against each backend by its own spec, so
 * PostgreSQL and MongoDB cannot drift apart in what a run and the push API rely on.
 */
export function describeRawListingStoreContract(
  name: string,
  open: () => Promise<{ store: RawListingStore; dispose(): Promise<void> }>,
): void {
  describe(`${name} raw listing store contract`, () => {
    let store: RawListingStore;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await open());
    });
    afterAll(async () => {
      await dispose();
    });

    const item = (externalId: string, price = '19.99', payload: unknown = { title: `Item ${externalId}` }): CapturedItem => ({
      kind: 'LISTING',
      externalId,
      url: `https://shop.example/p/${externalId}`,
      payload,
      normalized: { title: `Item ${externalId}`, price: { amount: price, currency: 'EUR' } },
      contentHash: `hash-${externalId}-${price}`,
    });
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute));

    it('classifies unknown items as NEW, then UNCHANGED, and a different hash as CHANGED', async () => {
      const source = randomUUID();
      const items = [item('a'), item('b')];
      expect([...(await store.classify(source, items)).values()]).toEqual(['NEW', 'NEW']);
      await store.save(source, items, at(0));
      const again = await store.classify(source, [item('a'), item('b', '17.50')]);
      expect(again.get('a')).toBe('UNCHANGED');
      expect(again.get('b')).toBe('CHANGED');
    });

    it('keeps the payload as captured, the first sighting, and moves the last one forward only', async () => {
      const source = randomUUID();
      const html = '<li class="product">Mgła – Age of Excuse <b>CD</b></li>';
      await store.save(source, [item('x', '10.00', html)], at(5));
      await store.save(source, [item('x', '12.00', html)], at(9));
      await store.touch(source, ['x'], at(7));
      const stored = await store.get(source, 'x');
      expect(stored).toMatchObject({ sourceId: source, externalId: 'x', kind: 'LISTING', payload: html, contentHash: 'hash-x-12.00', removedAt: null });
      expect(stored?.normalized).toEqual({ title: 'Item x', price: { amount: '12.00', currency: 'EUR' } });
      expect(stored?.firstSeenAt.toISOString()).toBe(at(5).toISOString());
      expect(stored?.lastSeenAt.toISOString()).toBe(at(9).toISOString());
    });

    it('finds what a run did not see, marks it removed, and treats its return as CHANGED', async () => {
      const source = randomUUID();
      await store.save(source, [item('keep'), item('gone')], at(0));
      await store.touch(source, ['keep'], at(10));
      const unseen = await store.findUnseenSince(source, at(10));
      expect(unseen.map((listing) => listing.externalId)).toEqual(['gone']);
      await store.markRemoved(source, ['gone'], at(11));
      expect(await store.countActive(source)).toBe(1);
      expect((await store.get(source, 'gone'))?.removedAt?.toISOString()).toBe(at(11).toISOString());
      expect(await store.findUnseenSince(source, at(20))).toHaveLength(1);
      // Touching a removed item does not revive it: only fresh content does.
      await store.touch(source, ['gone'], at(12));
      expect((await store.get(source, 'gone'))?.removedAt).not.toBeNull();
      expect((await store.classify(source, [item('gone')])).get('gone')).toBe('CHANGED');
      await store.save(source, [item('gone')], at(13));
      expect(await store.countActive(source)).toBe(2);
    });

    it('keeps sources apart', async () => {
      const [one, two] = [randomUUID(), randomUUID()];
      await store.save(one, [item('same')], at(0));
      expect((await store.classify(two, [item('same')])).get('same')).toBe('NEW');
      expect(await store.countActive(two)).toBe(0);
    });

    it('pages by externalId in byte order with no gaps or repeats', async () => {
      const source = randomUUID();
      const ids = ['b', 'A', 'a', 'c-2', 'c-10', 'Z', 'ł'];
      await store.save(source, ids.map((id) => item(id)), at(0));
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await store.list(source, { first: 3, after });
        seen.push(...page.items.map((listing) => listing.externalId));
        if (!page.hasNextPage) break;
        after = page.items.at(-1)?.externalId ?? null;
      }
      expect(seen).toEqual([...ids].sort((x, y) => (Buffer.from(x) < Buffer.from(y) ? -1 : 1)));
    });

    it('stores a large batch in one call', async () => {
      const source = randomUUID();
      const many = Array.from({ length: 1200 }, (_, i) => item(`sku-${String(i).padStart(5, '0')}`));
      await store.save(source, many, at(0));
      expect(await store.countActive(source)).toBe(1200);
      const outcomes = await store.classify(source, many);
      expect([...outcomes.values()].every((outcome) => outcome === 'UNCHANGED')).toBe(true);
    });
  });
}
