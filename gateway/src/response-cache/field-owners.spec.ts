import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Kind, buildASTSchema, parse, type OperationDefinitionNode } from 'graphql';
import { DEFAULT_GATEWAY_SETTINGS } from '../settings.js';
import { indexFieldOwners, operationReach } from './field-owners.js';

/** What the committed supergraph makes shareable: read from its join directives, not a list. */
const sdl = readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8');
const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
const owners = indexFieldOwners(sdl);
const publicSubgraphs = new Set(DEFAULT_GATEWAY_SETTINGS.publicSubgraphs);

function reach(text: string) {
  const document = parse(text);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return operationReach(schema, document, operation, owners, publicSubgraphs);
}

describe('operation reach', () => {
  it('sees the three public subgraphs of the nested release query, through fragments too', () => {
    expect(
      reach(`{ releases(first: 5) { edges { node { title band { name } offers { ...OfferBits } } } } }
        fragment OfferBits on Offer { price { amount } distributor { name } shippingEstimate(country: "DE") { total { amount } } }`),
    ).toEqual({ public: true, subgraphs: ['catalog', 'delivery', 'releases'] });
  });

  it('marks anything reading users or notifications as private', () => {
    expect(reach('{ me { id } }').public).toBe(false);
    expect(reach('{ releases(first: 1) { edges { node { title } } } myFollows { id } }').public).toBe(false);
  });

  it('knows an external field is resolved by its owner, not by the subgraph that only references it', () => {
    expect(owners.get('Offer.price')).toEqual(['releases']);
    expect(owners.get('Offer.shippingEstimate')).toEqual(['delivery']);
    expect(owners.get('Band.name')).toEqual(['catalog']);
  });
});
