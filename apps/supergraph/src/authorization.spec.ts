import { describe, expect, it } from 'vitest';
import { SCOPES, authorizationRules, isScope } from '@mrt/graphql-kit';
import { SUBGRAPHS } from './registry.js';

/**
 * The authorization rules of every subgraph's resolvers, read from their decorators: operator
 * operations name a scope (checked against the token), never a role, and say which in their
 * description. The scope matrix in tests/e2e proves the scopes are enforced.
 */
const rules = authorizationRules();

describe('authorization rules', () => {
  it('are read from every subgraph', () => {
    expect(SUBGRAPHS).toHaveLength(6);
    expect(rules.length).toBeGreaterThan(20);
  });

  it('name a scope wherever more than a signed-in user is needed, never a role', () => {
    const byRole = rules.filter((rule) => rule.requirements.some((requirement) => !isScope(requirement)));
    expect(byRole.map((rule) => `${rule.parent}.${rule.field}: ${rule.requirements.join(', ')}`)).toEqual([]);
  });

  it('say the scope in the operation’s description', () => {
    const scoped = rules.filter((rule) => rule.requirements.length > 0);
    const undocumented = scoped.filter((rule) => !rule.requirements.every((scope) => rule.description?.includes(`(scope ${scope})`)));
    expect(undocumented.map((rule) => `${rule.parent}.${rule.field}`)).toEqual([]);
  });

  it('use every scope, each for its own area', () => {
    const fieldsOf = (scope: string) => rules.filter((rule) => rule.requirements.includes(scope)).map((rule) => rule.field);
    for (const scope of SCOPES) expect(fieldsOf(scope), scope).not.toEqual([]);
    expect(fieldsOf('sources:write')).toEqual(expect.arrayContaining(['sources', 'createSource', 'runParser', 'parserRuns', 'rawListings', 'previewSource']));
    expect(fieldsOf('catalog:write')).toEqual(expect.arrayContaining(['createDistributor', 'updateDistributor', 'mergeBands', 'resolveReview']));
    expect(fieldsOf('delivery:write')).toEqual(expect.arrayContaining(['setShippingProfile', 'deleteShippingProfile', 'setParcelWeights']));
    expect(fieldsOf('events:replay').sort()).toEqual(['deadLetters', 'replayAllDeadLetters', 'replayDeadLetter']);
    expect(fieldsOf('users:admin').sort()).toEqual(['auditLog', 'rotateSigningKey', 'setUserRoles', 'users']);
    expect(fieldsOf('broadcast')).toEqual(['broadcastNotification']);
  });
});
