import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { BaseEnv } from '../env.js';
import { ROLES, type Role } from './scopes.js';
import type { SessionRevocations } from './session-revocations.js';

/** Who is calling, as proven by a verified access token (never by a plain header). */
export interface AuthUser {
  id: string;
  roles: Role[];
  /** The token's `scope` claim: what the subgraphs authorize operations by (see ROLE_SCOPES). */
  scopes: string[];
}

/** Turns a bearer token into a user; rejects with TokenRejectedError for a bad token. */
export type Authenticate = (token: string) => Promise<AuthUser>;

/**
 * A token that failed verification. Plain Error on purpose: the platform knows no GraphQL;
 * the request context turns it into UNAUTHENTICATED (HTTP 401) and the WebSocket server into 4403.
 */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
}

/** Where the users service publishes its public keys. */
export const JWKS_PATH = '/.well-known/jwks.json';

/** Only signatures made with the users service's Ed25519 keys are accepted. */
export const ACCESS_TOKEN_ALGORITHM = 'EdDSA';
/** RFC 9068 access-token type: a JWT minted for another purpose is not accepted as one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface TokenVerifierOptions {
  /** The users service's `/.well-known/jwks.json`, or a key set given directly. */
  jwks: URL | JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Clock skew tolerated on exp/iat/nbf. */
  clockToleranceSeconds?: number;
  /** Least time between refetches triggered by an unknown `kid` (jose's cooldown). */
  cooldownMs?: number;
  /** Ended sessions: a token issued before its user's mark is refused although it has not expired. */
  revocations?: SessionRevocations;
  /** The marks could not be read (Redis away): the token is let through, as before revocation existed. */
  onRevocationsUnavailable?: (error: unknown) => void;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  scope: z.string().default(''),
  iat: z.number(),
});

/**
 * Whether the token was issued before its user's sessions ended. `iat` has whole seconds, so a
 * token minted in the very second of the revocation stays valid (a new sign-in right after a
 * reset must work). Fails open: while the marks cannot be read, tokens live out their 15 minutes.
 */
async function revokedBefore(options: TokenVerifierOptions, userId: string, issuedAt: number): Promise<boolean> {
  try {
    const notBefore = await options.revocations!.notBefore(userId);
    return notBefore !== null && issuedAt < notBefore;
  } catch (error) {
    options.onRevocationsUnavailable?.(error);
    return false;
  }
}

/**
 * Verifies bearer tokens the way the gateway and every subgraph must: signature against the
 * published keys (cached, refetched on an unknown kid), algorithm pinned, issuer and audience
 * checked, bounded clock skew. Any failure rejects, never anonymous.
 */
export function createTokenVerifier(options: TokenVerifierOptions): Authenticate {
  const keys =
    options.jwks instanceof URL
      ? createRemoteJWKSet(options.jwks, { cooldownDuration: options.cooldownMs ?? 30_000, timeoutDuration: 5_000 })
      : options.jwks;
  return async (token: string): Promise<AuthUser> => {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        typ: ACCESS_TOKEN_TYPE,
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw new TokenRejectedError(describe(error));
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new TokenRejectedError('Access token claims are malformed');
    if (options.revocations && (await revokedBefore(options, claims.data.sub, claims.data.iat))) throw new TokenRejectedError('Access token revoked');
    return { id: claims.data.sub, roles: claims.data.roles, scopes: claims.data.scope.split(' ').filter(Boolean) };
  };
}

/** Says what kind of problem it was without echoing anything from the token. */
function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'Access token expired';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'Access token signed with an unknown key';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `Access token ${error.claim} claim rejected`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'Access token algorithm not allowed';
  if (error instanceof joseErrors.JWKSTimeout) return 'Access token could not be verified';
  return 'Invalid access token';
}

/** Verification as the environment configures it; `jwksUrl` overrides where the keys are. */
export function tokenVerifierFromEnv(env: BaseEnv, jwksUrl: string = env.JWKS_URL, revocations?: Pick<TokenVerifierOptions, 'revocations' | 'onRevocationsUnavailable'>): Authenticate {
  return createTokenVerifier({
    jwks: new URL(jwksUrl),
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    cooldownMs: env.JWKS_COOLDOWN_MS,
    ...revocations,
  });
}
