import { describe, expect, it } from 'vitest';
import { fieldErrors } from './field-errors';

const badInput = (fields: { path: string; message: string }[]) => ({
  message: 'Invalid input',
  errors: [{ message: 'Invalid input', extensions: { code: 'BAD_USER_INPUT', fields } }],
});

describe('server field errors on a form', () => {
  it('puts each problem beside its field, nested paths included', () => {
    expect(fieldErrors(badInput([{ path: 'url', message: 'must be a Discord webhook URL' }, { path: 'input.label', message: 'too long' }]), ['url', 'label'])).toEqual({
      fields: { url: 'must be a Discord webhook URL', label: 'too long' },
      general: null,
    });
  });

  it('puts a problem with one item of a list beside the list', () => {
    expect(fieldErrors(badInput([{ path: 'input.aliases.2', message: 'must not be empty' }]), ['aliases'])).toEqual({ fields: { aliases: 'must not be empty' }, general: null });
  });

  it('says what belongs to no field of the form under it, and any other error as its message', () => {
    expect(fieldErrors({ ...badInput([{ path: 'kind', message: 'email is not enabled on this server' }]), message: 'Email is not available on this server' }, ['email'])).toEqual({
      fields: {},
      general: 'Email is not available on this server',
    });
    expect(fieldErrors({ message: 'Too many requests', errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }] }, ['url'])).toEqual({
      fields: {},
      general: 'Too many requests',
    });
    expect(fieldErrors(undefined, ['url'])).toEqual({ fields: {}, general: null });
  });
});
