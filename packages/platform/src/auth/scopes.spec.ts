import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_SCOPES, SCOPES, isScope, scopesOf } from './scopes.js';

describe('roles and scopes', () => {
  it('keeps the scope names of the public contract', () => {
    expect(SCOPES).toEqual(['sources:write', 'catalog:write', 'delivery:write', 'events:replay', 'users:admin', 'broadcast']);
  });

  it('gives ADMIN every scope, EDITOR sources, shops and resolution only, USER none', () => {
    expect(ROLES).toEqual(['USER', 'EDITOR', 'ADMIN']);
    expect(scopesOf(['ADMIN'])).toEqual([...SCOPES]);
    expect(scopesOf(['USER', 'EDITOR'])).toEqual(['sources:write', 'catalog:write', 'delivery:write']);
    expect(scopesOf(['USER'])).toEqual([]);
    for (const denied of ['events:replay', 'users:admin', 'broadcast'] as const) expect(ROLE_SCOPES.EDITOR).not.toContain(denied);
  });

  it('unites the scopes of several roles, each once, in the order of SCOPES', () => {
    expect(scopesOf(['EDITOR', 'ADMIN', 'USER'])).toEqual([...SCOPES]);
    expect(scopesOf(['EDITOR', 'EDITOR'])).toEqual(['sources:write', 'catalog:write', 'delivery:write']);
    expect(scopesOf([])).toEqual([]);
  });

  it('tells a scope from a role or anything else', () => {
    expect(isScope('broadcast')).toBe(true);
    expect(isScope('catalog:write')).toBe(true);
    expect(isScope('ADMIN')).toBe(false);
    expect(isScope('admin')).toBe(false);
    expect(isScope('catalog:read')).toBe(false);
  });
});
