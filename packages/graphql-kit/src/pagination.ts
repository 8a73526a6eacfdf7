import { Directive, Field, ObjectType, type ClassType } from 'type-graphql';
import { BadUserInputError } from './errors.js';

// Every subgraph with a list returns it, so the type is shared (Federation 2 value type).
@Directive('@shareable')
@ObjectType({ description: 'Relay page information' })
export class PageInfo {
  @Field({ description: 'Whether more items follow `endCursor`' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to fetch the next page' })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/**
 * Declares `<Name>Edge` and `<Name>Connection` object types for a node type. Call once at
 * module level per node type (type-graphql registers classes globally). `shareable` when every
 * subgraph serves the same list (a Federation 2 value type, like its node type).
 */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string, options: { shareable?: boolean } = {}): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field({ description: 'Opaque position of this item' })
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items` })
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  if (options.shareable) {
    Directive('@shareable')(EdgeType);
    Directive('@shareable')(ConnectionClass);
  }
  return ConnectionClass;
}

export const PAGE_SIZE = { default: 20, max: 100 } as const;

/** Validates `first`: a bounded page size, never "everything". */
export function pageSize(first: number | null | undefined, limits: { default: number; max: number } = PAGE_SIZE): number {
  if (first === null || first === undefined) return limits.default;
  if (!Number.isInteger(first) || first < 1 || first > limits.max) {
    throw new BadUserInputError(`first must be between 1 and ${limits.max}`, [
      { path: 'first', message: `must be between 1 and ${limits.max}` },
    ]);
  }
  return first;
}

/** Cursors are opaque to clients: base64url JSON of the sort key of the last item. */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number | null)[] | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === arity && parsed.every((v) => v === null || ['string', 'number'].includes(typeof v))) {
      return parsed as (string | number | null)[];
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError('after is not a valid cursor', [{ path: 'after', message: 'not a cursor from this list' }]);
}

/**
 * Builds a connection from rows fetched with LIMIT first + 1: the extra row only tells that
 * there is a next page.
 */
export function toConnection<T>(rows: T[], first: number, keyOf: (row: T) => readonly (string | number | null)[]): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges[edges.length - 1]?.cursor ?? null },
  };
}

