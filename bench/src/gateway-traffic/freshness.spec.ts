import { beforeAll, describe, expect, it } from 'vitest';
import { Freshness } from './freshness.js';
import { webOperations } from './mix.js';

/**
 * The traffic benchmark's staleness check, step by step in the orders concurrent connections
 * produce: a read is judged by what had been answered when it was sent, and nothing sent after
 * it may turn a fresh answer into a "stale" one.
 */
const SHOPS = [
  { id: 's0', name: 'Shop Zero' },
  { id: 's1', name: 'Shop One' },
];
const FANS = [{ token: 't0', displayName: 'Fan Zero' }];
const BANDS = ['b0', 'b1', 'b2'];
const TARGET = 'ours';
const follows = (...bands: string[]) => JSON.stringify({ data: { myFollows: bands.map((band, i) => ({ id: `f${i}`, targetId: band, targetType: 'BAND' })) } });
const shopList = (...names: string[]) => JSON.stringify({ data: { distributors: { edges: names.map((name, i) => ({ node: { id: `s${i}`, name } })) } } });

let operations: Map<string, string>;
beforeAll(async () => {
  operations = await webOperations();
});
const freshness = () => new Freshness(SHOPS, FANS, BANDS, 'operator', operations);

/** Sends and answers a follow of the next band; returns that band. */
function followed(check: Freshness): string {
  const follow = check.prepare(TARGET, 'follow', 0, 0);
  const band = (JSON.parse(follow.body) as { variables: { input: { targetId: string } } }).variables.input.targetId;
  follow.done(JSON.stringify({ data: { follow: { id: `follow-of-${band}` } } }));
  return band;
}

describe('the staleness check of follows', () => {
  it('requires a follow answered before the read started', () => {
    const check = freshness();
    const band = followed(check);
    const requirement = check.requirement(TARGET, 'WebMyFollows', 0)!;
    expect(check.isStale(TARGET, requirement, follows())).toBe(true);
    expect(check.explain(TARGET, requirement, follows())[0]).toContain(`follow of ${band} missing`);
    expect(check.isStale(TARGET, requirement, follows(band))).toBe(false);
  });

  it('does not require a follow whose unfollow was sent while the read was running', () => {
    const check = freshness();
    const band = followed(check);
    // The read starts while the follow stands ...
    const requirement = check.requirement(TARGET, 'WebMyFollows', 0)!;
    // ... another connection's unfollow commits before the read runs, and the read rightly misses it.
    const unfollow = check.prepare(TARGET, 'unfollow', 0, 0);
    expect(unfollow.kind).toBe('unfollow');
    expect(check.isStale(TARGET, requirement, follows())).toBe(false);
    unfollow.done(JSON.stringify({ data: { unfollow: true } }));
    expect(check.isStale(TARGET, requirement, follows())).toBe(false);
    // Nor was it required absent: the unfollow had not been answered when the read started.
    expect(check.isStale(TARGET, requirement, follows(band))).toBe(false);
  });

  it('requires an unfollow answered before the read started', () => {
    const check = freshness();
    const band = followed(check);
    const kept = followed(check);
    check.prepare(TARGET, 'unfollow', 0, 0).done(JSON.stringify({ data: { unfollow: true } }));
    const requirement = check.requirement(TARGET, 'WebMyFollows', 0)!;
    expect(check.isStale(TARGET, requirement, follows(band, kept))).toBe(true);
    expect(check.isStale(TARGET, requirement, follows(kept))).toBe(false);
  });
});

describe('the staleness check of renamed shops', () => {
  /** Sends and answers a rename of shop `pick`; returns the name it gave. */
  function renamed(check: Freshness, pick: number): string {
    const rename = check.prepare(TARGET, 'rename-shop', 0, pick);
    const name = (JSON.parse(rename.body) as { variables: { name: string } }).variables.name;
    rename.done('{"data":{"updateDistributor":{}}}');
    return name;
  }

  it('requires the last rename answered before the read, and accepts a later one', () => {
    const check = freshness();
    const first = renamed(check, 0);
    const requirement = check.requirement(TARGET, 'WebFilterOptions', null)!;
    const later = renamed(check, 0);
    expect(check.isStale(TARGET, requirement, shopList('Shop Zero', 'Shop One'))).toBe(true);
    expect(check.explain(TARGET, requirement, shopList('Shop Zero', 'Shop One'))[0]).toMatch(/^shop 0 shown as v0, v\d+ required: shop 0 v\d+ sent \S+, answered \S+$/);
    expect(check.isStale(TARGET, requirement, shopList(first, 'Shop One'))).toBe(false);
    expect(check.isStale(TARGET, requirement, shopList(later, 'Shop One'))).toBe(false);
  });

  it('never sends a second rename of a shop while one is unanswered', () => {
    const check = freshness();
    const pending = check.prepare(TARGET, 'rename-shop', 0, 0);
    const next = check.prepare(TARGET, 'rename-shop', 0, 0);
    expect(JSON.parse(next.body)).toMatchObject({ variables: { id: 's1' } });
    const third = check.prepare(TARGET, 'rename-shop', 0, 0);
    // Both shops wait for an answer: a follow goes instead.
    expect(third.kind).toBe('follow');
    pending.done('{}');
  });
});
