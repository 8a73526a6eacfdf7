import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { DataSource } from 'typeorm';
import { BadUserInputError, RateLimitedError, UnauthenticatedError, parseInput, scopesOf } from '@mrt/graphql-kit';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_TYPE,
  createTokenVerifier,
  type Authenticate,
  type Logger,
  type RateLimiter,
  type SessionRevocations,
} from '@mrt/platform';
import { type RefreshTokenService, refreshFailure } from '../refresh-token/refresh-token.service.js';
import type { AccountLinks } from '../account/account-links.js';
import { RefreshTokenStore } from '../refresh-token/refresh-token.store.js';
import type { SigningKeyService } from '../signing-key/signing-key.service.js';
import type { UserEntity } from '../user/user.entity.js';
import { markOwnSession } from '../user/own-session.js';
import { announceProfile } from '../user/profile-event.js';
import { UserStore } from '../user/user.store.js';
import { changePasswordSchema, loginSchema, registerSchema } from './auth.validation.js';
import type { EndedSessions } from './ended-sessions.js';
import { burnVerificationTime, hashPassword, verifyPassword } from './password.js';

export interface AuthOptions {
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  login: { maxPerAccount: number; maxPerIp: number; windowSeconds: number };
  register: { maxPerIp: number; windowSeconds: number };
  /** Where ended sessions are marked; this service's own verifier reads them too. */
  revocations?: SessionRevocations;
}

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserEntity;
}

const INVALID_CREDENTIALS = 'Invalid email or password';

export class AuthService {
  private readonly users: UserStore;
  /** Verifies tokens against this service's own keys, without an HTTP round trip. */
  readonly authenticate: Authenticate;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: SigningKeyService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly limiter: RateLimiter,
    private readonly links: AccountLinks,
    private readonly options: AuthOptions,
    private readonly logger?: Logger,
    private readonly endedSessions?: EndedSessions,
  ) {
    this.users = new UserStore(dataSource);
    this.authenticate = createTokenVerifier({ jwks: keys.verificationKey, issuer: options.issuer, audience: options.audience, revocations: options.revocations });
  }

  /**
   * Limited per client address before any hashing: one address cannot mint accounts in bulk. The
   * address gets its verification link.
   */
  async register(input: unknown, clientIp: string | null): Promise<Session> {
    const data = parseInput(registerSchema, input);
    const { maxPerIp, windowSeconds } = this.options.register;
    const decision = await this.limiter.consume(`register:ip:${clientIp ?? 'unknown'}`, { limit: maxPerIp, windowMs: windowSeconds * 1000 });
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds, 'Too many new accounts from this address');
    const passwordHash = await hashPassword(data.password);
    const user = await this.dataSource.transaction(async (manager) => {
      const users = new UserStore(manager);
      if (await users.findByEmail(data.email)) {
        throw new BadUserInputError('An account with this email exists', [{ path: 'email', message: 'is already registered' }]);
      }
      const created = await users.insert({
        email: data.email,
        displayName: data.displayName,
        country: data.country ?? null,
        currency: data.currency ?? 'EUR',
        roles: ['USER'],
        passwordHash,
      });
      // The first verification link goes out with the account.
      await this.links.send(manager, created, 'VERIFY_EMAIL');
      await announceProfile(manager, created);
      return created;
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
    const user = await this.users.findByEmail(email, { withPassword: true });
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
    const user = await this.users.get(rotation.userId);
    const access = await this.issueAccessToken(user);
    return { ...access, refreshToken: rotation.next.token, refreshTokenExpiresAt: rotation.next.expiresAt, user: markOwnSession(user) };
  }

  logout(refreshToken: string): Promise<boolean> {
    return this.refreshTokens.revokeFamilyOf(refreshToken);
  }

  /** Needs the current password; ends every other session. */
  async changePassword(userId: string, input: unknown): Promise<boolean> {
    const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
    const user = await this.users.findCredentials(userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new BadUserInputError('Current password is wrong', [{ path: 'currentPassword', message: 'is wrong' }]);
    }
    if (newPassword.toLowerCase() === user.email.toLowerCase()) {
      throw new BadUserInputError('Invalid input', [{ path: 'newPassword', message: 'must not be your email address' }]);
    }
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await new UserStore(manager).setPasswordHash(userId, passwordHash);
      await new RefreshTokenStore(manager).revokeAllOf(userId);
    });
    await this.endedSessions?.endAll(userId);
    return true;
  }

  /** ADMIN_EMAIL / ADMIN_PASSWORD at start: create the account, or make an existing one admin. */
  async ensureAdmin(email: string, password: string): Promise<void> {
    const existing = await this.users.findByEmail(email.trim().toLowerCase());
    if (existing) {
      if (!existing.roles.includes('ADMIN')) await this.users.setRoles(existing.id, [...existing.roles, 'ADMIN']);
      return;
    }
    await this.users.insert({
      email: email.trim().toLowerCase(),
      displayName: 'Administrator',
      country: null,
      currency: 'EUR',
      roles: ['USER', 'ADMIN'],
      passwordHash: await hashPassword(password),
    });
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
    // What the roles may do, read from the account at every sign-in and refresh (OAuth style).
    const scope = scopesOf(user.roles).join(' ');
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
}
