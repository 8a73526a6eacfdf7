import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { DataSource, Repository } from 'typeorm';
import { BadUserInputError, RateLimitedError, UnauthenticatedError, parseInput, type Role } from '@mrt/graphql-kit';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_TYPE,
  createTokenVerifier,
  type Authenticate,
  type Logger,
  type RateLimiter,
} from '@mrt/platform';
import { type RefreshTokenService, refreshFailure } from '../refresh-token/refresh-token.service.js';
import type { SigningKeyService } from '../signing-key/signing-key.service.js';
import { UserEntity } from '../user/user.entity.js';
import { markOwnSession } from '../user/own-session.js';
import { changePasswordSchema, loginSchema, registerSchema } from './auth.schemas.js';
import { burnVerificationTime, hashPassword, verifyPassword } from './password.js';

export interface AuthOptions {
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  login: { maxPerAccount: number; maxPerIp: number; windowSeconds: number };
  register: { maxPerIp: number; windowSeconds: number };
}

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserEntity;
}

/** What each role may do, as OAuth-style scopes in the access token. */
const SCOPES: Record<Role, string[]> = {
  USER: ['profile', 'follows', 'notifications'],
  ADMIN: ['admin'],
};

const INVALID_CREDENTIALS = 'Invalid email or password';

export class AuthService {
  private readonly users: Repository<UserEntity>;
  /** Verifies tokens against this service's own keys, without an HTTP round trip. */
  readonly authenticate: Authenticate;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: SigningKeyService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly limiter: RateLimiter,
    private readonly options: AuthOptions,
    private readonly logger?: Logger,
  ) {
    this.users = dataSource.getRepository(UserEntity);
    this.authenticate = createTokenVerifier({ jwks: keys.verificationKey, issuer: options.issuer, audience: options.audience });
  }

  /** Limited per client address before any hashing: one address cannot mint accounts in bulk. */
  async register(input: unknown, clientIp: string | null): Promise<Session> {
    const data = parseInput(registerSchema, input);
    const { maxPerIp, windowSeconds } = this.options.register;
    const decision = await this.limiter.consume(`register:ip:${clientIp ?? 'unknown'}`, { limit: maxPerIp, windowMs: windowSeconds * 1000 });
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds, 'Too many new accounts from this address');
    const passwordHash = await hashPassword(data.password);
    const user = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(UserEntity);
      if (await this.findByEmail(data.email, repository)) {
        throw new BadUserInputError('An account with this email exists', [{ path: 'email', message: 'is already registered' }]);
      }
      return repository.save(
        repository.create({
          email: data.email,
          displayName: data.displayName,
          country: data.country ?? null,
          currency: data.currency ?? 'EUR',
          roles: ['USER'],
          passwordHash,
        }),
      );
    });
    return this.startSession(user);
  }

  /**
   * The same answer for an unknown email and a wrong password, in about the same time; attempts
   * are limited per account and per address.
   */
  async login(input: unknown, clientIp: string | null): Promise<Session> {
    const { email, password } = parseInput(loginSchema, input);
    const window = { windowMs: this.options.login.windowSeconds * 1000 };
    const perIp = await this.limiter.consume(`login:ip:${clientIp ?? 'unknown'}`, { ...window, limit: this.options.login.maxPerIp });
    const perAccount = await this.limiter.consume(`login:account:${email}`, { ...window, limit: this.options.login.maxPerAccount });
    for (const decision of [perIp, perAccount]) {
      if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds, 'Too many sign-in attempts');
    }
    const user = await this.findByEmail(email, this.users, { withPassword: true });
    if (!user) {
      await burnVerificationTime(password);
      throw new UnauthenticatedError(INVALID_CREDENTIALS);
    }
    if (!(await verifyPassword(user.passwordHash, password))) throw new UnauthenticatedError(INVALID_CREDENTIALS);
    await this.limiter.reset(`login:account:${email}`);
    return this.startSession(user);
  }

  async refresh(refreshToken: string): Promise<Session> {
    const rotation = await this.refreshTokens.rotate(refreshToken);
    if (!rotation.ok) {
      if (rotation.reason === 'reused') this.logger?.warn({ reason: rotation.reason }, 'refresh token reuse: family revoked');
      throw refreshFailure(rotation.reason);
    }
    const user = await this.users.findOneByOrFail({ id: rotation.userId });
    const access = await this.issueAccessToken(user);
    return { ...access, refreshToken: rotation.next.token, refreshTokenExpiresAt: rotation.next.expiresAt, user: markOwnSession(user) };
  }

  logout(refreshToken: string): Promise<boolean> {
    return this.refreshTokens.revokeFamilyOf(refreshToken);
  }

  /** Needs the current password; ends every other session. */
  async changePassword(userId: string, input: unknown): Promise<boolean> {
    const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
    const user = await this.users.findOne({ where: { id: userId }, select: { id: true, email: true, passwordHash: true } });
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new BadUserInputError('Current password is wrong', [{ path: 'currentPassword', message: 'is wrong' }]);
    }
    if (newPassword.toLowerCase() === user.email.toLowerCase()) {
      throw new BadUserInputError('Invalid input', [{ path: 'newPassword', message: 'must not be your email address' }]);
    }
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(UserEntity).update({ id: userId }, { passwordHash });
      await this.refreshTokens.revokeAllOf(userId, manager);
    });
    return true;
  }

  /** ADMIN_EMAIL / ADMIN_PASSWORD at start: create the account, or make an existing one admin. */
  async ensureAdmin(email: string, password: string): Promise<void> {
    const existing = await this.findByEmail(email.trim().toLowerCase(), this.users);
    if (existing) {
      if (!existing.roles.includes('ADMIN')) await this.users.update({ id: existing.id }, { roles: [...existing.roles, 'ADMIN'] });
      return;
    }
    await this.users.save(
      this.users.create({
        email: email.trim().toLowerCase(),
        displayName: 'Administrator',
        country: null,
        currency: 'EUR',
        roles: ['USER', 'ADMIN'],
        passwordHash: await hashPassword(password),
      }),
    );
    this.logger?.info({ email }, 'admin account created');
  }

  private async startSession(user: UserEntity): Promise<Session> {
    const access = await this.issueAccessToken(user);
    const refresh = await this.refreshTokens.issue(user.id);
    return { ...access, refreshToken: refresh.token, refreshTokenExpiresAt: refresh.expiresAt, user: markOwnSession(user) };
  }

  async issueAccessToken(user: Pick<UserEntity, 'id' | 'roles'>): Promise<{ accessToken: string; accessTokenExpiresAt: Date }> {
    const key = await this.keys.activeKey();
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + this.options.accessTokenTtlSeconds;
    const scope = [...new Set(user.roles.flatMap((role) => SCOPES[role]))].join(' ');
    const accessToken = await new SignJWT({ roles: user.roles, scope })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
      .setSubject(user.id)
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { accessToken, accessTokenExpiresAt: new Date(expiresAt * 1000) };
  }

  private findByEmail(email: string, repository: Repository<UserEntity>, { withPassword = false } = {}): Promise<UserEntity | null> {
    const query = repository.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email });
    if (withPassword) query.addSelect('u.passwordHash');
    return query.getOne();
  }
}
