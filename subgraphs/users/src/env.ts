import { z } from 'zod';
import { baseEnvSchema, envFields, subgraphDescriptor } from '@mrt/platform';

export const usersEnvSchema = baseEnvSchema.extend({
  PORT: envFields.port(subgraphDescriptor('users').defaultPort),
  /** Lifetime of access tokens: short, since a token verifier without the shared session marks (Redis away) cannot refuse one early. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** A new signing key takes over after this many days; old ones stay published until their tokens expire. */
  SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** A rotated-in key is published this long before it signs: at least the verifiers' JWKS_COOLDOWN_MS. */
  SIGNING_KEY_PROPAGATION_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Encrypts private signing keys at rest (AES-256-GCM) when set. */
  SIGNING_KEY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Creates (or promotes) this admin account at start. */
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(10).optional(),
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** New accounts per client address per window: a script cannot mint accounts by the hundred. */
  REGISTER_MAX_PER_IP: z.coerce.number().int().min(1).default(20),
  REGISTER_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** The web app's origin: verification and password reset links open its pages. */
  WEB_PUBLIC_URL: z.string().url().default('http://localhost:4000'),
  EMAIL_VERIFICATION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 14).default(24),
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(30),
  /** Verification and reset emails per address, and per client address, in a window. */
  ACCOUNT_EMAIL_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(3),
  ACCOUNT_EMAIL_MAX_PER_IP: z.coerce.number().int().min(1).default(20),
  ACCOUNT_EMAIL_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** A reset request answers no sooner than this, known address or not (above its slowest lookup and write). */
  PASSWORD_RESET_RESPONSE_FLOOR_MS: z.coerce.number().int().min(0).max(10_000).default(400),
});
export type UsersEnv = z.infer<typeof usersEnvSchema>;
