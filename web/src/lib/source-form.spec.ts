import { describe, expect, it } from 'vitest';
import { createSourceInput, draftFromPreset, draftFromSource, EMPTY_SOURCE, formatOptions, parseOptionsText, sourceFormErrors, updateSourceInput } from './source-form';

const badInput = (fields: { path: string; message: string }[]) => ({
  message: 'Invalid input',
  errors: [{ message: 'Invalid input', extensions: { code: 'BAD_USER_INPUT', fields } }],
});

describe('the options field', () => {
  it('reads a JSON object, empty text as no options', () => {
    expect(parseOptionsText('  ')).toEqual({ ok: true, value: {} });
    expect(parseOptionsText('{"currency": "EUR", "fields": {"price": ".price"}}')).toEqual({ ok: true, value: { currency: 'EUR', fields: { price: '.price' } } });
  });

  it('refuses text that is not JSON, or JSON that is not an object, saying why', () => {
    const broken = parseOptionsText('{"currency": "EUR",}');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/^not valid JSON: /);
    for (const text of ['[1, 2]', '"EUR"', 'null', '42']) expect(parseOptionsText(text)).toEqual({ ok: false, message: 'must be a JSON object, e.g. {"currency": "EUR"}' });
  });

  it('shows stored options indented and no options as nothing', () => {
    expect(formatOptions({ currency: 'EUR' })).toBe('{\n  "currency": "EUR"\n}');
    expect(formatOptions({})).toBe('');
    expect(formatOptions(null)).toBe('');
  });
});

describe('the source form as inputs', () => {
  const draft = { ...EMPTY_SOURCE, name: ' Shop ', url: ' https://shop.example/ ', schedule: ' ', optionsText: '{"currency":"EUR"}' };

  it('trims, sends no distributor and no schedule as null on create', () => {
    expect(createSourceInput(draft)).toEqual({ name: 'Shop', kind: 'SHOPIFY', url: 'https://shop.example/', distributorId: null, schedule: null, options: { currency: 'EUR' }, enabled: true });
  });

  it('clears the schedule with an empty string on update, as updateSource asks', () => {
    expect(updateSourceInput({ ...draft, distributorId: 'd1' })).toEqual({ name: 'Shop', url: 'https://shop.example/', distributorId: 'd1', schedule: '', options: { currency: 'EUR' } });
  });

  it('sends nothing while the options are not an object', () => {
    expect(createSourceInput({ ...draft, optionsText: '{' })).toBeNull();
    expect(updateSourceInput({ ...draft, optionsText: '[]' })).toBeNull();
  });

  it('fills a draft from a stored source and from a preset, keeping a typed name', () => {
    const stored = draftFromSource({ name: 'A', kind: 'HTML', url: 'https://a.example', schedule: null, options: { itemSelector: '.p' }, enabled: false, distributor: { id: 'd' } });
    expect(stored).toEqual({ name: 'A', kind: 'HTML', url: 'https://a.example', distributorId: 'd', schedule: '', optionsText: '{\n  "itemSelector": ".p"\n}', enabled: false });
    const preset = { name: 'Season of Mist', kind: 'JSON_LD' as const, url: 'https://shop.season-of-mist.example', schedule: '0 */6 * * *', options: { currency: 'EUR' } };
    expect(draftFromPreset(EMPTY_SOURCE, preset)).toMatchObject({ name: 'Season of Mist', kind: 'JSON_LD', schedule: '0 */6 * * *', optionsText: '{\n  "currency": "EUR"\n}' });
    expect(draftFromPreset({ ...EMPTY_SOURCE, name: 'My name' }, preset).name).toBe('My name');
  });
});

describe("the server's field errors on the source form", () => {
  it('lists problems inside the options by their path there, beside the options field', () => {
    const errors = sourceFormErrors(
      badInput([
        { path: 'options.fields.price', message: 'Invalid input' },
        { path: 'options', message: 'Unrecognized key: "colour"' },
        { path: 'input.schedule', message: 'not a cron expression' },
      ]),
    );
    expect(errors).toEqual({
      fields: { schedule: 'not a cron expression' },
      options: [
        { path: 'fields.price', message: 'Invalid input' },
        { path: '(options)', message: 'Unrecognized key: "colour"' },
      ],
      general: null,
    });
  });

  it('says the message under the form for a problem of no field, and for other errors', () => {
    expect(sourceFormErrors(badInput([{ path: 'somethingElse', message: 'no' }])).general).toBe('Invalid input');
    expect(sourceFormErrors({ message: 'Forbidden', errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] })).toEqual({ fields: {}, options: [], general: 'Forbidden' });
    expect(sourceFormErrors(undefined)).toEqual({ fields: {}, options: [], general: null });
  });
});
