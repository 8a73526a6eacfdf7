import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAN, RawDataHarness } from '../../test-support/raw-data-harness.js';

describe('sourcePresets / createSourceFromPreset', () => {
  let harness: RawDataHarness;
  beforeAll(async () => {
    harness = await RawDataHarness.open();
  });
  afterAll(() => harness.close());

  it('lists the presets and adds a source from one, linked to its distributor', async () => {
    const { sourcePresets } = await harness.ok<{ sourcePresets: { id: string; kind: string; platform: string }[] }>(`{ sourcePresets { id kind platform } }`);
    expect(sourcePresets).toHaveLength(9);
    expect(sourcePresets.find((p) => p.id === 'season-of-mist')).toEqual({ id: 'season-of-mist', kind: 'HTML', platform: 'Magento 1' });

    const distributorId = randomUUID();
    const { createSourceFromPreset } = await harness.ok<{ createSourceFromPreset: Record<string, unknown> }>(
      `mutation ($preset: String!, $distributorId: ID) { createSourceFromPreset(preset: $preset, distributorId: $distributorId) { id name kind url schedule options distributor { id } } }`,
      { preset: 'paragon-records', distributorId },
    );
    expect(createSourceFromPreset).toMatchObject({
      name: 'Paragon Records',
      kind: 'SHOPIFY',
      url: 'https://www.paragonrecords.org/',
      schedule: '35 4 * * *',
      options: { currency: 'USD', vendorRole: 'label' },
      distributor: { id: distributorId },
    });
    const { source } = await harness.ok<{ source: { name: string } }>(`query ($id: ID!) { source(id: $id) { name } }`, { id: createSourceFromPreset['id'] });
    expect(source.name).toBe('Paragon Records');
  });

  it('names an unknown preset as bad input and stores nothing; fans may not use presets', async () => {
    const before = await harness.ok<{ sources: { edges: unknown[] } }>(`{ sources(first: 100) { edges { node { id } } } }`);
    const errors = await harness.errors(`mutation { createSourceFromPreset(preset: "nope") { id } }`);
    expect(errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(JSON.stringify(errors[0])).toContain('preset');
    expect((await harness.ok<{ sources: { edges: unknown[] } }>(`{ sources(first: 100) { edges { node { id } } } }`)).sources.edges).toHaveLength(before.sources.edges.length);
    const forbidden = await harness.errors(`{ sourcePresets { id } }`, {}, FAN);
    expect(forbidden[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
