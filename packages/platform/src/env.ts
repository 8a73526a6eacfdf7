import { z } from 'zod';
import { DEFAULT_TRUSTED_PROXIES, proxyListProblems } from './http/proxy-trust.js';
import { subgraphDescriptor } from './subgraph-registry.js';

/**
 * Thrown when the environment does not satisfy a service's schema. It carries every problem
 * at once, because fixing env vars one restart at a time is miserable.
 */
export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

type EnvSource = Record<string, string | undefined>;

/** The process's variables: entry points pass this to the parsers; nothing else reads it. */
export function processEnv(): EnvSource {
  return process.env;
}

/** Parses `source` (normally process.env, passed in by the service's env.ts) with `schema`. */
export function parseEnv<S extends z.ZodType>(schema: S, source: EnvSource): z.infer<S> {
  // Empty strings mean "unset": `FOO= pnpm start` should not be a parse error.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/** Like parseEnv, but for a process entry point: prints every problem and exits. */
export function loadEnvOrExit<S extends z.ZodType>(schema: S, source: EnvSource): z.infer<S> {
  try {
    return parseEnv(schema, source);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Reusable field parsers so every service spells the same variable the same way. */
export const envFields = {
  nodeEnv: z.enum(['development', 'production', 'test']).default('development'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  host: z.string().default('0.0.0.0'),
  postgresUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  dataDir: z.string().default('.data'),
  poolSize: z.coerce.number().int().min(1).max(100).default(5),
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1' || value === 'yes'),
  /** A boolean whose absence means "decide from another setting". */
  optionalBoolean: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true' || value === '1' || value === 'yes')),
};

/** The variables every service shares: runtime mode, logging, storage and bus locations. */
export const baseEnvSchema = z.object({
  NODE_ENV: envFields.nodeEnv,
  /** Where the users service publishes its signing keys; every service verifies tokens with them. */
  JWKS_URL: z.string().url().default(`http://localhost:${subgraphDescriptor('users').defaultPort}/.well-known/jwks.json`),
  JWT_ISSUER: z.string().min(1).default('metal-release-tracker'),
  JWT_AUDIENCE: z.string().min(1).default('metal-release-tracker-api'),
  /** Least time between two JWKS downloads caused by unknown key ids. */
  JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
  LOG_LEVEL: envFields.logLevel,
  /** `json` lines, or `pretty` for people; unset: pretty on a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty', 'auto']).default('auto'),
  HOST: envFields.host,
  DATABASE_URL: envFields.postgresUrl,
  REDIS_URL: envFields.redisUrl,
  /** Prefix of every key this installation writes to Redis (event streams, rate limits). */
  REDIS_KEY_PREFIX: z.string().min(1).default('mrt:'),
  DATA_DIR: envFields.dataDir,
  DB_POOL_SIZE: envFields.poolSize,
  /**
   * Peers whose X-Forwarded-For is believed (addresses or CIDRs, comma-separated): the gateway.
   * Loopback by default, for the gateway in the same process or host.
   */
  TRUSTED_PROXIES: z
    .string()
    .default(DEFAULT_TRUSTED_PROXIES)
    .superRefine((list, context) => {
      for (const message of proxyListProblems(list)) context.addIssue({ code: 'custom', message });
    }),
  /**
   * Shared by the gateway (which sends it on every subgraph request) and the subgraphs (which
   * answer GraphQL only to callers presenting it). Required outside development.
   */
  GATEWAY_SHARED_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Whether GATEWAY_SHARED_SECRET must be set; by default everywhere but development. Turning it
   * off lets subgraphs answer anyone (rate-limited per address): only for setups that need it,
   * such as benchmarks putting other gateways in front of the same subgraphs.
   */
  GATEWAY_SECRET_REQUIRED: envFields.optionalBoolean,
  /** Requests per minute and address a subgraph accepts from callers other than the gateway; 0 turns the limit off. */
  SUBGRAPH_DIRECT_RATE_LIMIT: z.coerce.number().int().min(0).default(300),
  /** OTLP/HTTP traces endpoint (e.g. http://otel-collector:4318/v1/traces); traces stay in-process without it. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** OTLP/HTTP logs endpoint (e.g. http://otel-collector:4318/v1/logs); log lines go to stdout only without it. */
  OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: z.string().url().optional(),
});
export type BaseEnv = z.infer<typeof baseEnvSchema>;

