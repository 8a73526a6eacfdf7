import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Kind, buildASTSchema, parse, type OperationDefinitionNode } from 'graphql';
import { answerShape, answerTags, entityFetchShape, entityTags } from './answer-tags.js';

/** Tags read against the committed supergraph, the schema the gateway serves. */
const sdl = readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8');
const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });

function shapeOf(text: string) {
  const document = parse(text);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return answerShape(schema, document, operation);
}

describe('answer tags', () => {
  const page = shapeOf(`query Page { releases(first: 2) { edges { node { id title band { id name } offers { ...OfferBits } } } } }
    fragment OfferBits on Offer { key: id distributor { id name } price { amount currency } }`);

  it('tags every list of a type by that type, through Relay edges and fragments', () => {
    expect(page.listTypes).toEqual(['Offer', 'Release', 'ReleaseEdge']);
  });

  it('tags every object by its id, read under an alias too', () => {
    const data = {
      releases: {
        edges: [
          { node: { id: 'r1', title: 'A', band: { id: 'b1', name: 'X' }, offers: [{ key: 'o1', distributor: { id: 'd1', name: 'S' }, price: { amount: '1', currency: 'EUR' } }] } },
          { node: { id: 'r2', title: 'B', band: { id: 'b1', name: 'X' }, offers: [] } },
        ],
      },
    };
    expect(answerTags(page, data).sort()).toEqual(
      ['Band:b1', 'Distributor:d1', 'Money', 'Offer', 'Offer:o1', 'Release', 'Release:r1', 'Release:r2', 'ReleaseConnection', 'ReleaseEdge'].sort(),
    );
  });

  it('tags an object selected without its id, or null now, by its type: any change of that type may concern it', () => {
    const shape = shapeOf('query One($id: ID!) { release(id: $id) { title band { name } } }');
    expect(answerTags(shape, { release: { title: 'A', band: { name: 'X' } } }).sort()).toEqual(['Band', 'Release']);
    expect(answerTags(shape, { release: null })).toEqual(['Release']);
  });

  it('reads the concrete type of an abstract field from __typename, and assumes any possible type without it', () => {
    // The supergraph has no abstract type today; a small schema stands for the one that will.
    const hits = buildASTSchema(parse('type Band { id: ID! } type Label { id: ID! } union Hit = Band | Label type Query { hits: [Hit!]! }'));
    const shape = (text: string) => {
      const document = parse(text);
      return answerShape(hits, document, document.definitions[0] as OperationDefinitionNode);
    };
    const withTypename = shape('{ hits { __typename ... on Band { id } ... on Label { id } } }');
    expect(answerTags(withTypename, { hits: [{ __typename: 'Band', id: 'b1' }] }).sort()).toEqual(['Band', 'Band:b1', 'Label']);
    const without = shape('{ hits { ... on Band { id } } }');
    expect(answerTags(without, { hits: [{ id: 'b1' }] }).sort()).toEqual(['Band', 'Band:b1', 'Label', 'Label:b1']);
  });

  it("tags an entity a subgraph fetch answered by its representation's identity and what it holds", () => {
    const document = parse('query F($representations: [_Any!]!) { _entities(representations: $representations) { ... on Release { title offers { id distributor { name } } } } }');
    const shape = entityFetchShape(schema, document, document.definitions[0] as OperationDefinitionNode)!;
    expect(shape.complete).toBe(true);
    const entity = { title: 'A', offers: [{ id: 'o1', distributor: { name: 'S' } }] };
    expect(entityTags(shape, { __typename: 'Release', id: 'r1' }, entity).sort()).toEqual(['Distributor', 'Offer', 'Offer:o1', 'Release:r1']);
    // Not found: whatever of its type may appear there later.
    expect(entityTags(shape, { __typename: 'Release', id: 'r2' }, null).sort()).toEqual(['Offer', 'Release']);
  });

  it('is no entity fetch shape for a root query, and incomplete for a field the schema lacks', () => {
    const root = parse('{ releases(first: 1) { edges { node { id } } } }');
    expect(entityFetchShape(schema, root, root.definitions[0] as OperationDefinitionNode)).toBeNull();
    const unknown = parse('query F($representations: [_Any!]!) { _entities(representations: $representations) { ... on Release { hiddenKey { id } } } }');
    expect(entityFetchShape(schema, unknown, unknown.definitions[0] as OperationDefinitionNode)!.complete).toBe(false);
  });
});
