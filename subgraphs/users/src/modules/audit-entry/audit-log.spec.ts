import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '@mrt/events';
import { deliverEvents, executeErrors, executeOk, openTestSubgraph, testUser, waitForValue, type TestSubgraph } from '@mrt/graphql-kit/testing';
import { usersSubgraph } from '../../index.js';

let users: TestSubgraph;
beforeAll(async () => {
  users = await openTestSubgraph(usersSubgraph);
});
afterAll(async () => users?.close());

const admin = testUser(['USER', 'ADMIN']);
const ENTRY = 'id subgraph actorId actorRoles operationName field scope variables outcome errorMessage changes { entity id before after }';
const AUDIT_LOG = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { edges { cursor node { ${ENTRY} } } pageInfo { hasNextPage endCursor } }
}`;

interface Entry {
  id: string;
  subgraph: string;
  actorId: string | null;
  operationName: string | null;
  field: string;
  outcome: string;
  variables: Record<string, unknown>;
  changes: { entity: string; id: string; before: unknown; after: unknown }[];
}
interface Page {
  auditLog: { edges: { cursor: string; node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
const auditLog = async (variables: Record<string, unknown>) => (await executeOk<Page>(users.apollo, AUDIT_LOG, { variables, user: admin })).auditLog;

async function register(email: string): Promise<string> {
  const variables = { input: { email, password: 'a long passphrase', displayName: 'Fan' } };
  const data = await executeOk<{ register: { user: { id: string } } }>(users.apollo, `mutation($input: RegisterInput!) { register(input: $input) { user { id } } }`, { variables });
  return data.register.user.id;
}

function recorded(actorId: string, field: string, outcome: string, occurredAt: Date) {
  return createEvent('audit.recorded', {
    producer: 'catalog',
    subject: `audit:${actorId}`,
    occurredAt,
    data: {
      subgraph: 'catalog',
      actorId,
      actorRoles: ['USER', 'EDITOR'],
      operationName: null,
      field,
      scope: 'catalog:write',
      variables: {},
      outcome,
      errorMessage: outcome === 'OK' ? null : 'failed',
      changes: [],
      requestId: null,
    },
  });
}

describe('the audit log', () => {
  it('keeps role changes, successful and failed, with the roles before and after', async () => {
    const fanId = await register('audited-fan@example.com');
    const SET_ROLES = `mutation Promote($id: ID!, $roles: [Role!]!) { setUserRoles(userId: $id, roles: $roles) { id } }`;
    await executeOk(users.apollo, SET_ROLES, { variables: { id: fanId, roles: ['EDITOR'] }, user: admin });
    const errors = await executeErrors(users.apollo, SET_ROLES, { variables: { id: admin.id, roles: ['USER'] }, user: admin });
    const failedCode = errors[0]?.extensions?.code;
    expect(failedCode).toBeTruthy();

    const page = await waitForValue(
      () => auditLog({ filter: { operation: 'setUserRoles', actorId: admin.id } }),
      (answer) => answer.edges.length === 2,
    );
    const entries = page.edges.map((edge) => edge.node);
    // Newest first: the refused change, then the promotion.
    expect(entries[0]).toMatchObject({ subgraph: 'users', operationName: 'Promote', outcome: failedCode, changes: [] });
    expect(entries[1]).toMatchObject({
      subgraph: 'users',
      actorId: admin.id,
      outcome: 'OK',
      variables: { userId: fanId, roles: ['EDITOR'] },
      changes: [{ entity: 'User', id: fanId, before: { roles: ['USER'] }, after: { roles: ['USER', 'EDITOR'] } }],
    });
  });

  it('pages newest first and filters by actor, subgraph, operation, outcome and time', async () => {
    const actor = testUser(['USER', 'EDITOR']).id;
    const start = Date.parse('2026-01-01T10:00:00Z');
    const events = Array.from({ length: 5 }, (_, i) => recorded(actor, i % 2 === 0 ? 'updateDistributor' : 'mergeBands', i === 4 ? 'NOT_FOUND' : 'OK', new Date(start + i * 60_000)));
    await deliverEvents(users, ...events);
    await deliverEvents(users, events[0]!); // a redelivery adds nothing

    const first = await auditLog({ filter: { actorId: actor }, first: 2 });
    expect(first.edges.map((edge) => edge.node.id)).toEqual([events[4]!.id, events[3]!.id]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await auditLog({ filter: { actorId: actor }, first: 2, after: first.pageInfo.endCursor });
    const third = await auditLog({ filter: { actorId: actor }, first: 2, after: second.pageInfo.endCursor });
    expect([...second.edges, ...third.edges].map((edge) => edge.node.id)).toEqual([events[2]!.id, events[1]!.id, events[0]!.id]);
    expect(third.pageInfo.hasNextPage).toBe(false);

    const ids = async (filter: Record<string, unknown>) => (await auditLog({ filter: { actorId: actor, ...filter } })).edges.map((edge) => edge.node.id);
    expect(await ids({ operation: 'mergeBands' })).toEqual([events[3]!.id, events[1]!.id]);
    expect(await ids({ outcome: 'ERROR' })).toEqual([events[4]!.id]);
    expect(await ids({ outcome: 'OK', subgraph: 'catalog' })).toHaveLength(4);
    expect(await ids({ subgraph: 'raw-data' })).toEqual([]);
    expect(await ids({ from: new Date(start + 60_000).toISOString(), to: new Date(start + 3 * 60_000).toISOString() })).toEqual([events[2]!.id, events[1]!.id]);
  });

  it('is append-only: the database refuses to change or remove an entry', async () => {
    const [row] = (await users.db.dataSource.query('SELECT id FROM audit_entry LIMIT 1')) as { id: string }[];
    expect(row).toBeDefined();
    await expect(users.db.dataSource.query(`UPDATE audit_entry SET outcome = 'OK' WHERE id = $1`, [row!.id])).rejects.toThrow(/append-only/);
    await expect(users.db.dataSource.query('DELETE FROM audit_entry WHERE id = $1', [row!.id])).rejects.toThrow(/append-only/);
  });

  it('is for holders of users:admin only', async () => {
    const errors = await executeErrors(users.apollo, AUDIT_LOG, { user: testUser(['USER', 'EDITOR']) });
    expect(errors[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'users:admin' });
  });
});
