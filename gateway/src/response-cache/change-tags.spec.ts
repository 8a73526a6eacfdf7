import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildASTSchema, parse } from 'graphql';
import { createEvent, subjects } from '@mrt/events';
import { KNOWN_MUTATION_EFFECTS, eventTags, mutationTags } from './change-tags.js';

const sdl = readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8');
const mutationFields = buildASTSchema(parse(sdl), { assumeValidSDL: true }).getMutationType()!.getFields();

describe('change tags', () => {
  it('names a mutation of known effect exactly, always with the caller', () => {
    expect(mutationTags([{ name: 'updateDistributor', args: { id: 'd1', input: { name: 'X' } } }], 'u1')).toEqual(['user:u1', 'Distributor:d1', 'Distributor']);
    expect(mutationTags([{ name: 'follow', args: {} }, { name: 'updateProfile', args: {} }], 'u1')).toEqual(['user:u1']);
  });

  it('claims nothing for an operation with any root field of unknown effect: the coarse rule applies', () => {
    expect(mutationTags([{ name: 'follow', args: {} }, { name: 'mergeBands', args: {} }], 'u1')).toBeNull();
    expect(mutationTags([{ name: 'noSuchField', args: {} }], null)).toBeNull();
  });

  it('lists only mutations the supergraph has (a renamed one would silently lose its exact effect)', () => {
    for (const name of KNOWN_MUTATION_EFFECTS) expect(mutationFields[name], name).toBeDefined();
  });

  it('names a shop change and a fan\'s profile change exactly, and leaves other events to their contract', () => {
    const id = '00000000-0000-4000-8000-0000000000d1';
    const changed = createEvent('catalog.distributor.changed', {
      producer: 'catalog',
      subject: subjects.distributor(id),
      data: { distributorId: id, name: 'S', slug: 's', country: 'DE', currency: 'EUR', websiteUrl: null },
    });
    expect(eventTags(changed)).toEqual([`Distributor:${id}`, 'Distributor']);
    const rates = createEvent('currency.rates.updated', { producer: 'delivery', subject: subjects.currencyRates('EUR'), data: { base: 'EUR', date: '2026-12-01', rates: { PLN: '4.3' } } });
    expect(eventTags(rates)).toBeNull();
    const fan = '00000000-0000-4000-8000-0000000000f1';
    const profile = createEvent('user.profile.changed', {
      producer: 'users',
      subject: subjects.user(fan),
      data: { userId: fan, country: 'DE', currency: 'PLN', changedAt: '2026-12-02T09:00:00.000Z' },
    });
    expect(eventTags(profile)).toEqual([`user:${fan}`]);
  });
});
