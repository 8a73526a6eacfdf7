import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { gql } from 'graphql-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, subjects } from '@mrt/events';
import { deliverySubgraph } from '@mrt/delivery';
import { createGateway, type Gateway } from '@mrt/gateway';
import { FEDERATION_LINK } from '@mrt/graphql-kit';
import { executeOk, openTestSubgraph, testUser, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { createLogger, createServiceMetrics } from '@mrt/platform';
import { composeSupergraph } from '@mrt/supergraph';
import { graphql } from './harness.js';

/**
 * Offer.shippingEstimate through a real gateway: the gateway fetches price, format and
 * distributor from the subgraph that owns Offer and hands them to delivery (@requires). The
 * owner here serves the Offer contract the releases subgraph publishes (id, price, format,
 * distributor) from fixed rows, so the spec does not depend on how releases stores offers.
 */
const SHOP = randomUUID();
const LP = { id: randomUUID(), releaseId: randomUUID(), price: { amount: '20.00', currency: 'EUR' }, format: 'LP', distributor: { id: SHOP } };
const CD = { id: randomUUID(), releaseId: randomUUID(), price: { amount: '60.00', currency: 'EUR' }, format: 'CD', distributor: { id: SHOP } };
const OFFERS = new Map<string, typeof LP>([LP, CD].map((offer) => [offer.id, offer]));

const OFFER_OWNER_SDL = `${FEDERATION_LINK}
  type Query { offer(id: ID!): Offer }
  type Offer @key(fields: "id") { id: ID! price: Money format: Format! distributor: Distributor! }
  type Distributor @key(fields: "id", resolvable: false) { id: ID! }
  type Money @shareable { amount: Decimal! currency: String! }
  scalar Decimal
  enum Format { CD CD2 MCD LP LP2 EP7 EP10 MC BOX OTHER }`;

let delivery: TestSubgraph;
let owner: ApolloServer;
let gateway: Gateway;
let gatewayUrl: string;

beforeAll(async () => {
  delivery = await openTestSubgraph(deliverySubgraph, { env: { CURRENCY_RATES_REFRESH_HOURS: '0' } });
  await delivery.db.dataSource.query(`INSERT INTO currency_rate (rate_date, currency, rate) VALUES ('2026-11-20', 'PLN', '4.3160')`);
  await executeOk(delivery.apollo, `mutation($input: ShippingProfileInput!) { setShippingProfile(input: $input) { currency } }`, {
    user: testUser(['ADMIN']),
    variables: {
      input: {
        distributorId: SHOP,
        shipsFrom: 'DE',
        currency: 'EUR',
        handlingFee: '1.00',
        zones: [{ name: 'EU', countries: ['EU'], freeShippingThreshold: '50.00', carrier: { name: 'DHL', tracked: true, minDays: 3, maxDays: 7 }, rates: [{ minGrams: 0, maxGrams: 2000, price: '9.00' }] }],
      },
    },
  });
  // deliveryQuote finds offers in its projection, kept from the releases events.
  await delivery.bus.publish(
    [LP, CD].map((offer) =>
      createEvent('offer.added', {
        producer: 'releases',
        subject: subjects.offer(offer.id),
        data: { offerId: offer.id, releaseId: offer.releaseId, bandIds: [randomUUID()], distributorId: SHOP, format: offer.format as 'LP', price: offer.price, stock: 'IN_STOCK', url: `https://shop.example/${offer.id}` },
      }),
    ),
  );
  const deliveryUrl = `${await delivery.subgraph.listen(0, '127.0.0.1')}/graphql`;

  owner = new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema({
      typeDefs: gql(OFFER_OWNER_SDL),
      resolvers: {
        Query: { offer: (_: unknown, { id }: { id: string }) => OFFERS.get(id) ?? null },
        Offer: { __resolveReference: (ref: { id: string }) => OFFERS.get(ref.id) ?? null },
      },
    }),
  });
  const { url: ownerUrl } = await startStandaloneServer(owner, { listen: { port: 0, host: '127.0.0.1' } });

  const composition = composeSupergraph([
    { name: 'releases', url: ownerUrl, sdl: OFFER_OWNER_SDL },
    { name: 'delivery', url: deliveryUrl, sdl: deliverySubgraph.buildSchema().sdl },
  ]);
  expect(composition.errors).toEqual([]);
  gateway = createGateway({
    supergraphSdl: composition.supergraphSdl!,
    logger: createLogger({ name: 'gateway', level: 'silent' }),
    metrics: createServiceMetrics('gateway', { defaults: false }),
  });
  await gateway.start();
  gatewayUrl = `${await gateway.listen(0, '127.0.0.1')}/graphql`;
  for (let tries = 0; ; tries++) {
    const [row] = (await delivery.db.dataSource.query('SELECT count(*)::int AS n FROM offer_projection')) as { n: number }[];
    if (row!.n === 2) break;
    if (tries > 200) throw new Error('offers never reached the projection');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
});

afterAll(async () => {
  await gateway?.stop();
  await owner?.stop();
  await delivery?.close();
});

describe('Offer.shippingEstimate through the gateway', () => {
  it('gets the required price, format and distributor from the Offer owner', async () => {
    const result = await graphql(
      gatewayUrl,
      `query($id: ID!) { offer(id: $id) { price { amount } shippingEstimate(country: "PL") { cost { amount currency } total { amount currency } carrier tracked minDays maxDays freeShipping }
         shippingUnavailable(country: "UA") { reason message } } }`,
      { id: LP.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      offer: {
        price: { amount: '20.00' },
        // 150 g + 320 g LP: 9.00 + 1.00 handling
        shippingEstimate: { cost: { amount: '10.00', currency: 'EUR' }, total: { amount: '30.00', currency: 'EUR' }, carrier: 'DHL', tracked: true, minDays: 3, maxDays: 7, freeShipping: false },
        shippingUnavailable: { reason: 'COUNTRY_NOT_SERVED', message: 'The shop does not ship to this country' },
      },
    });
    const free = await graphql(gatewayUrl, `query($id: ID!) { offer(id: $id) { shippingEstimate(country: "PL") { cost { amount } freeShipping } } }`, { id: CD.id });
    expect(free.data).toEqual({ offer: { shippingEstimate: { cost: { amount: '0.00' }, freeShipping: true } } });
  });

  it("resolves a quote's offers back through the owner and into delivery again", async () => {
    const result = await graphql(
      gatewayUrl,
      `query($input: DeliveryQuoteInput!) { deliveryQuote(input: $input) { grandTotal { amount currency }
         parcels { items { offer { format price { amount } shippingEstimate(country: "PL") { total { amount } } } } } } }`,
      { input: { items: [{ offerId: LP.id, quantity: 1 }], country: 'PL', currency: 'PLN' } },
    );
    expect(result.errors).toBeUndefined();
    // 30.00 EUR x 4.3160 = 129.48 PLN
    expect(result.data).toEqual({
      deliveryQuote: { grandTotal: { amount: '129.48', currency: 'PLN' }, parcels: [{ items: [{ offer: { format: 'LP', price: { amount: '20.00' }, shippingEstimate: { total: { amount: '30.00' } } } }] }] },
    });
  });

  it('rejects an unknown country with a field error through the gateway', async () => {
    const result = await graphql(gatewayUrl, `query($id: ID!) { offer(id: $id) { shippingEstimate(country: "QQ") { total { amount } } } }`, { id: LP.id });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
