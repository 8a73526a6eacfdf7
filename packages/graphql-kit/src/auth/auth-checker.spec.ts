import { describe, expect, it } from 'vitest';
import { graphql } from 'graphql';
import { Authorized, Query, Resolver } from 'type-graphql';
import { buildFederatedSchema, resolverContainer } from '../build-subgraph-schema.js';
import type { AuthUser, RequestContext } from '../context.js';
import { testContext, testUser } from '../testing.js';
import { RequireScope, authChecker, authorize, authorizedReference } from './auth-checker.js';

@Resolver()
class ScopedResolver {
  @RequireScope('catalog:write')
  @Query(() => String)
  scopedCatalog(): string {
    return 'catalog';
  }

  @RequireScope('users:admin')
  @Query(() => String)
  scopedUsers(): string {
    return 'users';
  }

  @Authorized()
  @Query(() => String)
  signedIn(): string {
    return 'anyone signed in';
  }
}

const { schema } = buildFederatedSchema<RequestContext>({
  resolvers: [ScopedResolver],
  container: resolverContainer([new ScopedResolver()]),
  authChecker,
});

async function ask(field: string, user: AuthUser | null) {
  const result = await graphql({ schema, source: `{ ${field} }`, contextValue: testContext(user) });
  return result.errors ? { code: result.errors[0]?.extensions?.code, requiredScope: result.errors[0]?.extensions?.requiredScope } : result.data?.[field];
}

describe('auth checker', () => {
  it('lets a token with the scope through and refuses one without it, naming the scope', async () => {
    const editor = testUser(['USER', 'EDITOR']);
    expect(await ask('scopedCatalog', editor)).toBe('catalog');
    expect(await ask('scopedUsers', editor)).toEqual({ code: 'FORBIDDEN', requiredScope: 'users:admin' });
    expect(await ask('scopedUsers', testUser(['USER', 'ADMIN']))).toBe('users');
    expect(await ask('scopedCatalog', testUser(['USER']))).toEqual({ code: 'FORBIDDEN', requiredScope: 'catalog:write' });
    expect(await ask('scopedCatalog', null)).toEqual({ code: 'UNAUTHENTICATED', requiredScope: undefined });
    expect(await ask('signedIn', testUser(['USER']))).toBe('anyone signed in');
  });

  it('authorizes by the token’s scopes, not by the roles it names', async () => {
    // An ADMIN token signed before the scopes existed (or narrowed) carries only what it says.
    expect(await ask('scopedCatalog', { id: 'old', roles: ['ADMIN'], scopes: ['admin'] })).toEqual({ code: 'FORBIDDEN', requiredScope: 'catalog:write' });
    expect(await ask('scopedCatalog', { id: 'fan-with-scope', roles: ['USER'], scopes: ['catalog:write'] })).toBe('catalog');
  });

  it('checks a role requirement against the roles, and any one of several requirements will do', () => {
    const editor = testContext(testUser(['USER', 'EDITOR']));
    expect(() => authorize(editor, ['ADMIN'])).toThrow(/Requires role ADMIN/);
    expect(() => authorize(editor, ['EDITOR'])).not.toThrow();
    expect(() => authorize(editor, ['users:admin', 'sources:write'])).not.toThrow();
    expect(() => authorize(editor, ['users:admin', 'broadcast'])).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ requiredScope: 'users:admin broadcast' }) }));
  });

  it('puts entity references behind the same scope', async () => {
    const resolve = authorizedReference(['sources:write'], (reference) => ({ id: reference.id }));
    expect(await resolve({ __typename: 'Source', id: 's1' }, testContext(testUser(['EDITOR'])))).toEqual({ id: 's1' });
    expect(() => resolve({ __typename: 'Source', id: 's1' }, testContext(testUser(['USER'])))).toThrow(/Requires scope sources:write/);
  });
});
