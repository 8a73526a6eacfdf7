import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErrors, executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { catalogSubgraph } from '../../index.js';
import { deliver, emitted, listingCaptured } from '../../test-support/raw-events.js';

/**
 * The operator's other two answers to a review besides "this band": "a new band" (none of the
 * weighed bands is the listing's) and "reject" (the decision is wrong, nothing to learn).
 */
let catalog: TestSubgraph;
beforeAll(async () => {
  catalog = await openTestSubgraph(catalogSubgraph);
});
afterAll(async () => catalog?.close());

const admin = testUser(['ADMIN'], 'admin');
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => catalog.db.dataSource.query(text, params);

type Review = { id: string; kind: string; status: string; subject: string; resolvedBand: { id: string; name: string; slug: string } | null };
const REVIEW_FIELDS = 'id kind status subject resolvedBand { id name slug }';

/** Two same-name bands told apart by genre, then a listing with nothing to go on: an AMBIGUOUS_BAND review. */
async function ambiguousReview(name: string): Promise<{ review: Review; subject: string; bandIds: string[] }> {
  for (const genre of ['Thrash Metal', 'Death Metal']) await deliver(catalog, listingCaptured({ bandNames: [name], genre }));
  const tie = listingCaptured({ bandNames: [name] });
  await deliver(catalog, tie);
  const page = await executeOk<{ resolutionReviews: { edges: { node: Review }[] } }>(catalog.apollo, `{ resolutionReviews(first: 200) { edges { node { ${REVIEW_FIELDS} } } } }`, {
    user: admin,
  });
  const review = page.resolutionReviews.edges.map((edge) => edge.node).find((node) => node.subject === tie.subject && node.kind === 'AMBIGUOUS_BAND')!;
  expect(review).toBeDefined();
  const bandIds = (await sql<{ id: string }>(`SELECT id FROM band WHERE name = $1`, [name])).map((row) => row.id);
  return { review, subject: tie.subject, bandIds };
}

describe('closing a review with a new band or a rejection', () => {
  it('creates a new band of the listing\'s name beside its namesakes and re-emits the listing with it', async () => {
    const { review, subject, bandIds } = await ambiguousReview('Hexenhammer');
    expect(bandIds).toHaveLength(2);
    const { resolveReviewWithNewBand: closed } = await executeOk<{ resolveReviewWithNewBand: Review }>(
      catalog.apollo,
      `mutation($id: ID!) { resolveReviewWithNewBand(id: $id) { ${REVIEW_FIELDS} } }`,
      { user: admin, variables: { id: review.id } },
    );
    expect(closed.status).toBe('RESOLVED');
    expect(closed.resolvedBand).toMatchObject({ name: 'Hexenhammer', slug: 'hexenhammer-3' });
    expect(bandIds).not.toContain(closed.resolvedBand!.id);
    const resolved = await emitted(catalog, 'catalog.listing.resolved', subject);
    expect(resolved.at(-1)!.data.bandIds).toEqual([closed.resolvedBand!.id]);

    const again = await executeErrors(catalog.apollo, `mutation($id: ID!) { resolveReviewWithNewBand(id: $id) { id } }`, { user: admin, variables: { id: review.id } });
    expect(again[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'id', message: 'already closed' }] });
    expect(await sql(`SELECT id FROM band WHERE name = 'Hexenhammer'`)).toHaveLength(3);
  });

  it('rejects a review: closed as REJECTED, no band learns the listing, nothing emitted again', async () => {
    const { review, subject } = await ambiguousReview('Nekromantheon');
    const emittedBefore = await emitted(catalog, 'catalog.listing.resolved', subject);
    const evidenceBefore = await sql(`SELECT band_id, genre_id FROM band_genre ORDER BY band_id, genre_id`);
    const { rejectReview } = await executeOk<{ rejectReview: Review }>(catalog.apollo, `mutation($id: ID!) { rejectReview(id: $id) { ${REVIEW_FIELDS} } }`, {
      user: admin,
      variables: { id: review.id },
    });
    expect(rejectReview).toMatchObject({ status: 'REJECTED', resolvedBand: null });
    expect(await emitted(catalog, 'catalog.listing.resolved', subject)).toEqual(emittedBefore);
    expect(await sql(`SELECT band_id, genre_id FROM band_genre ORDER BY band_id, genre_id`)).toEqual(evidenceBefore);

    const rejected = await executeOk<{ resolutionReviews: { edges: { node: { id: string } }[] } }>(catalog.apollo, `{ resolutionReviews(status: REJECTED) { edges { node { id } } } }`, {
      user: admin,
    });
    expect(rejected.resolutionReviews.edges.map((edge) => edge.node.id)).toEqual([review.id]);
    const open = await executeOk<{ resolutionReviews: { edges: { node: { id: string } }[] } }>(catalog.apollo, `{ resolutionReviews(first: 200) { edges { node { id } } } }`, { user: admin });
    expect(open.resolutionReviews.edges.map((edge) => edge.node.id)).not.toContain(review.id);
  });

  it('refuses a new band for a shop review and both answers to a fan', async () => {
    await deliver(catalog, listingCaptured({ distributorId: null, url: 'https://www.grimoire-distro.example/item/1' }));
    const [row] = await sql<{ id: string }>(`SELECT id FROM resolution_review WHERE kind = 'DISTRIBUTOR_CREATED' AND status = 'OPEN'`);
    const shop = await executeErrors(catalog.apollo, `mutation($id: ID!) { resolveReviewWithNewBand(id: $id) { id } }`, { user: admin, variables: { id: row!.id } });
    expect(shop[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'id' }] });
    const fan = testUser(['USER'], 'fan');
    for (const field of ['resolveReviewWithNewBand', 'rejectReview']) {
      const refused = await executeErrors(catalog.apollo, `mutation($id: ID!) { ${field}(id: $id) { id } }`, { user: fan, variables: { id: row!.id } });
      expect(refused[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const [still] = await sql<{ status: string }>(`SELECT status FROM resolution_review WHERE id = $1`, [row!.id]);
    expect(still!.status).toBe('OPEN');
  });
});
