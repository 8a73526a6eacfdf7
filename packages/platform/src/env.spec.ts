import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnvError, baseEnvSchema, envFields, parseEnv } from './env.js';

describe('parseEnv', () => {
  const schema = baseEnvSchema.extend({ PORT: envFields.port(4001), FLAG: envFields.boolean(true) });

  it('applies defaults and coerces values', () => {
    const env = parseEnv(schema, { PORT: '5000', FLAG: 'no' });
    expect(env).toMatchObject({ PORT: 5000, FLAG: false, NODE_ENV: 'development', DATA_DIR: '.data', DB_POOL_SIZE: 5 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv(schema, { DATABASE_URL: '', PORT: '' }).PORT).toBe(4001);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      parseEnv(schema, { PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://nope', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const issues = (error as EnvError).issues;
    expect(issues).toHaveLength(4);
    expect(issues.join('\n')).toMatch(/PORT/);
    expect(issues.join('\n')).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(issues.join('\n')).toMatch(/REDIS_URL: must be a redis:\/\/ URL/);
    expect(issues.join('\n')).toMatch(/LOG_LEVEL/);
  });

  it('keeps optional booleans undecided when absent', () => {
    const optional = z.object({ INTROSPECTION: envFields.optionalBoolean });
    expect(parseEnv(optional, {}).INTROSPECTION).toBeUndefined();
    expect(parseEnv(optional, { INTROSPECTION: 'true' }).INTROSPECTION).toBe(true);
    expect(parseEnv(optional, { INTROSPECTION: '0' }).INTROSPECTION).toBe(false);
  });
});
