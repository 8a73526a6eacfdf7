import { DeadLetterResolver, createSubgraphServer, referenceById, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import { JWKS_PATH, createRateLimiter, sendJson } from '@mrt/platform';
import type { UsersEnv } from './env.js';
import { auditEntryConsumer } from './modules/audit-entry/audit-entry.consumer.js';
import { AuditEntryResolver } from './modules/audit-entry/audit-entry.resolver.js';
import { AuditEntryService } from './modules/audit-entry/audit-entry.service.js';
import { AccountLinks } from './modules/account/account-links.js';
import { AccountResolver } from './modules/account/account.resolver.js';
import { AccountService } from './modules/account/account.service.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { AuthService } from './modules/auth/auth.service.js';
import { EndedSessions } from './modules/auth/ended-sessions.js';
import { RefreshTokenService } from './modules/refresh-token/refresh-token.service.js';
import { SigningKeyService } from './modules/signing-key/signing-key.service.js';
import { USER_LOADER, UserResolver } from './modules/user/user.resolver.js';
import { UserService } from './modules/user/user.service.js';
import { buildUsersSchema } from './schema.js';

export interface UsersOptions {
  /** What time it is for account links (specs move it to expire one). */
  clock?: () => Date;
}

export function createSubgraph(deps: SubgraphDeps<UsersEnv>, options: UsersOptions = {}): Subgraph {
  const { env, db, logger } = deps;
  const { dataSource } = db;
  const limiter = createRateLimiter(deps.redis, { prefix: `${env.REDIS_KEY_PREFIX}users:` });
  const links = new AccountLinks({
    webUrl: env.WEB_PUBLIC_URL,
    verificationTtlMs: env.EMAIL_VERIFICATION_TTL_HOURS * 3_600_000,
    resetTtlMs: env.PASSWORD_RESET_TTL_MINUTES * 60_000,
    clock: options.clock ?? (() => new Date()),
  });
  const signingKeys = new SigningKeyService(dataSource, {
    rotationDays: env.SIGNING_KEY_ROTATION_DAYS,
    propagationSeconds: env.SIGNING_KEY_PROPAGATION_SECONDS,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    secret: env.SIGNING_KEY_SECRET,
  });
  const endedSessions = new EndedSessions(deps.revocations, env.ACCESS_TOKEN_TTL_SECONDS, logger);
  const auth = new AuthService(
    dataSource,
    signingKeys,
    new RefreshTokenService(dataSource, env.REFRESH_TOKEN_TTL_DAYS),
    limiter,
    links,
    {
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      login: { maxPerAccount: env.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT, maxPerIp: env.LOGIN_MAX_ATTEMPTS_PER_IP, windowSeconds: env.LOGIN_WINDOW_SECONDS },
      register: { maxPerIp: env.REGISTER_MAX_PER_IP, windowSeconds: env.REGISTER_WINDOW_SECONDS },
      revocations: deps.revocations,
    },
    logger,
    endedSessions,
  );
  const users = new UserService(dataSource);
  const accounts = new AccountService(
    dataSource,
    links,
    limiter,
    {
      linkEmails: { maxPerAddress: env.ACCOUNT_EMAIL_MAX_PER_ADDRESS, maxPerIp: env.ACCOUNT_EMAIL_MAX_PER_IP, windowSeconds: env.ACCOUNT_EMAIL_WINDOW_SECONDS },
      resetResponseFloorMs: env.PASSWORD_RESET_RESPONSE_FLOOR_MS,
      deletion: { maxPerAccount: env.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT, windowSeconds: env.LOGIN_WINDOW_SECONDS },
    },
    logger,
    endedSessions,
  );
  const schema = buildUsersSchema([new DeadLetterResolver(deps.events.bus), new UserResolver(users), new AuthResolver(auth, signingKeys), new AccountResolver(accounts), new AuditEntryResolver(new AuditEntryService(dataSource))], {
    User: referenceById(USER_LOADER, (ids) => users.findByIds(ids)),
  });
  return createSubgraphServer({
    name: 'users',
    // The issuer checks its own tokens against its own keys.
    deps: { ...deps, authenticate: auth.authenticate },
    schema,
    consumers: [auditEntryConsumer],
    routes: [
      {
        path: JWKS_PATH,
        name: 'jwks',
        handle: async (_request, response) => {
          response.setHeader('cache-control', 'public, max-age=60');
          sendJson(response, 200, await signingKeys.jwks());
        },
      },
    ],
    onStart: async () => {
      await signingKeys.activeKey(); // the first start creates the first key
      if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) await auth.ensureAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    },
  });
}
