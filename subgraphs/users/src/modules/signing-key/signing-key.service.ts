import { randomUUID } from 'node:crypto';
import { errors as joseErrors, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK, type JWTVerifyGetKey } from 'jose';
import type { DataSource } from 'typeorm';
import { ACCESS_TOKEN_ALGORITHM } from '@mrt/platform';
import { openPrivateJwk, sealPrivateJwk } from './private-key-cipher.js';
import type { SigningKeyEntity } from './signing-key.entity.js';
import { SigningKeyStore } from './signing-key.store.js';

export interface SigningKeyOptions {
  rotationDays: number;
  /** A new key is published this long before it signs (verifiers refetch keys at most so often). */
  propagationSeconds?: number;
  /** The longest a token lives: retired keys stay published that long after they stop signing. */
  accessTokenTtlSeconds: number;
  secret?: string;
  /** Tolerated clock skew, added to how long retired keys stay published. */
  clockToleranceSeconds?: number;
}

export interface ActiveSigningKey {
  kid: string;
  privateKey: CryptoKey;
  createdAt: Date;
}

export interface RotationResult {
  kid: string;
  activatesAt: Date;
}

const CACHE_MS = 10_000;
const DAY_MS = 86_400_000;

/**
 * Keys are persisted (tokens outlive restarts) and rotated without a moment in which a
 * verifier could meet an unknown key: the next key is published first and signs only once
 * verifiers have had time to fetch it; the key it replaces stays published until the last
 * token it signed has expired, then leaves the JWKS.
 */
export class SigningKeyService {
  private readonly keys: SigningKeyStore;
  private active: { key: ActiveSigningKey; until: number } | null = null;
  private published: { jwks: JWK[]; until: number } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: SigningKeyOptions,
  ) {
    this.keys = new SigningKeyStore(dataSource);
  }

  /** The key that signs now; creates the first one, and schedules the next when rotation is due. */
  async activeKey(): Promise<ActiveSigningKey> {
    const now = Date.now();
    if (this.active && this.active.until > now) return this.active.key;
    let signing = await this.keys.signing();
    if (!signing) signing = (await this.createKey({ onlyIfDue: true })).signing;
    else if (this.isDue(signing.activatesAt, now)) await this.createKey({ onlyIfDue: true });
    const key = { kid: signing!.kid, privateKey: await this.importPrivate(signing!), createdAt: signing!.createdAt };
    this.active = { key, until: now + CACHE_MS };
    return key;
  }

  /** An operator's rotation: publishes a new key that signs after the propagation delay. */
  async rotate(): Promise<RotationResult> {
    const { created } = await this.createKey({ onlyIfDue: false });
    this.active = null;
    this.published = null;
    return { kid: created.kid, activatesAt: created.activatesAt };
  }

  /** Public keys for /.well-known/jwks.json: upcoming, signing, and retired but still needed. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const now = Date.now();
    if (!this.published || this.published.until <= now) {
      const rows = await this.keys.published();
      this.published = { jwks: rows.map((row) => row.publicJwk), until: now + CACHE_MS };
    }
    return { keys: this.published.jwks };
  }

  /** Verification key lookup for this service's own token checks (no HTTP round trip). */
  readonly verificationKey: JWTVerifyGetKey = async (header) => {
    const find = async () => (await this.jwks()).keys.find((key) => key.kid === header.kid);
    let jwk = await find();
    if (!jwk) {
      this.published = null; // another replica may just have rotated
      jwk = await find();
    }
    if (!jwk) throw new joseErrors.JWKSNoMatchingKey();
    return importJWK(jwk, ACCESS_TOKEN_ALGORITHM);
  };

  private isDue(activatedAt: Date, now: number): boolean {
    return now - activatedAt.getTime() >= this.options.rotationDays * DAY_MS;
  }

  /**
   * Under an advisory lock, so replicas starting together agree on one new key instead of
   * each publishing its own. The first key signs at once; later ones after the propagation delay.
   */
  private async createKey({ onlyIfDue }: { onlyIfDue: boolean }): Promise<{ created: SigningKeyEntity; signing: SigningKeyEntity }> {
    return this.dataSource.transaction(async (manager) => {
      const keys = new SigningKeyStore(manager);
      await keys.lockForRotation();
      const signing = await keys.signing();
      const pending = await keys.pending();
      if (onlyIfDue && (pending || (signing && !this.isDue(signing.activatesAt, Date.now())))) {
        return { created: pending ?? signing!, signing: signing ?? pending! };
      }

      const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
      const kid = randomUUID();
      const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
      const privateJwk = JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: ACCESS_TOKEN_ALGORITHM });
      const delaySeconds = signing ? (this.options.propagationSeconds ?? 60) : 0;
      const graceSeconds = this.options.accessTokenTtlSeconds + (this.options.clockToleranceSeconds ?? 30) + CACHE_MS / 1000;
      const activatesAt = await keys.nowPlus(delaySeconds);
      // Every key still signing (or waiting to) stops when the new one starts.
      await keys.retireAt(activatesAt, graceSeconds);
      const created = await keys.insert({
        kid,
        publicJwk,
        privateJwk: sealPrivateJwk(privateJwk, this.options.secret),
        activatesAt,
        retiredAt: null,
        publishUntil: null,
      });
      return { created, signing: signing ?? created };
    });
  }

  private async importPrivate(row: SigningKeyEntity): Promise<CryptoKey> {
    const jwk = JSON.parse(openPrivateJwk(row.privateJwk, this.options.secret, row.kid)) as JWK;
    return (await importJWK(jwk, ACCESS_TOKEN_ALGORITHM)) as CryptoKey;
  }
}
