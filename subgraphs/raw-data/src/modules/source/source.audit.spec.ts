import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUser } from '@mrt/graphql-kit/testing';
import { RawDataHarness } from '../../test-support/raw-data-harness.js';

const CREATE = `mutation AddShop($input: CreateSourceInput!) { createSource(input: $input) { id } }`;
const UPDATE = `mutation RenameShop($id: ID!, $input: UpdateSourceInput!) { updateSource(id: $id, input: $input) { id name } }`;

interface AuditData {
  subgraph: string;
  actorId: string;
  actorRoles: string[];
  operationName: string | null;
  field: string;
  scope: string;
  variables: Record<string, unknown>;
  outcome: string;
  errorMessage: string | null;
  changes: { entity: string; id: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
}

describe('audit entries of source mutations', () => {
  let harness: RawDataHarness;
  const editor = testUser(['USER', 'EDITOR']);

  beforeAll(async () => {
    harness = await RawDataHarness.open();
  });
  afterAll(async () => harness?.close());

  async function auditEvents(field: string): Promise<AuditData[]> {
    const rows: { payload: { data: AuditData } }[] = await harness.subgraph.db.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'audit.recorded' AND payload -> 'data' ->> 'field' = $1 ORDER BY id`,
      [field],
    );
    return rows.map((row) => row.payload.data);
  }

  it('records a successful change with who, what and the source before and after', async () => {
    const { createSource } = await harness.ok<{ createSource: { id: string } }>(
      CREATE,
      { input: { name: 'Audited Shop', kind: 'SHOPIFY', url: 'https://audited.example/', options: { currency: 'EUR' } } },
      editor,
    );
    await harness.ok(UPDATE, { id: createSource.id, input: { name: 'Audited Shop Renamed', url: 'https://audited.example/?token=s3cret' } }, editor);

    const [entry] = await auditEvents('updateSource');
    expect(entry).toMatchObject({
      subgraph: 'raw-data',
      actorId: editor.id,
      actorRoles: ['USER', 'EDITOR'],
      operationName: 'RenameShop',
      scope: 'sources:write',
      outcome: 'OK',
      errorMessage: null,
      variables: { id: createSource.id, input: { name: 'Audited Shop Renamed', url: 'https://audited.example/?token=***' } },
    });
    expect(JSON.stringify(entry)).not.toContain('s3cret');
    expect(entry!.changes).toHaveLength(1);
    expect(entry!.changes[0]).toMatchObject({ entity: 'Source', id: createSource.id, before: { name: 'Audited Shop' }, after: { name: 'Audited Shop Renamed' } });
    const [created] = await auditEvents('createSource');
    expect(created!.changes[0]).toMatchObject({ entity: 'Source', id: createSource.id, before: null, after: { name: 'Audited Shop' } });
  });

  it('records a failed change with its error code and the secrets masked', async () => {
    const errors = await harness.errors(
      CREATE,
      { input: { name: 'Broken Shop', kind: 'SHOPIFY', url: 'ftp://broken.example', options: { currency: 'EUR', apiToken: 'shpat_secret', password: 'hunter2' } } },
      editor,
    );
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const failed = (await auditEvents('createSource')).find((entry) => entry.outcome !== 'OK');
    expect(failed).toMatchObject({
      actorId: editor.id,
      operationName: 'AddShop',
      outcome: 'BAD_USER_INPUT',
      changes: [],
      variables: { input: { name: 'Broken Shop', options: { currency: 'EUR', apiToken: '***', password: '***' } } },
    });
    expect(failed!.errorMessage).toBeTruthy();
    expect(JSON.stringify(failed)).not.toMatch(/shpat_secret|hunter2/);
  });

  it('records nothing for reads or for anonymous callers', async () => {
    const before = (await auditEvents('createSource')).length;
    await harness.ok(`{ sources { edges { node { id } } } }`, {}, editor);
    await harness.errors(CREATE, { input: { name: 'Anon Shop', kind: 'FEED', url: 'https://anon.example/feed.xml' } }, null);
    expect(await auditEvents('createSource')).toHaveLength(before);
    expect(await auditEvents('sources')).toHaveLength(0);
  });
});
