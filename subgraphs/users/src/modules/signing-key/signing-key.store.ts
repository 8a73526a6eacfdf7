import type { DataSource, EntityManager, Repository } from 'typeorm';
import { SigningKeyEntity } from './signing-key.entity.js';

/** The only place with SQL for signing_key. */
export class SigningKeyStore {
  private readonly keys: Repository<SigningKeyEntity>;

  constructor(private readonly db: DataSource | EntityManager) {
    this.keys = db.getRepository(SigningKeyEntity);
  }

  /** The key that signs now: activated, not yet retired; the newest if several. */
  signing(): Promise<SigningKeyEntity | null> {
    return this.keys
      .createQueryBuilder('k')
      .where('k.activates_at <= now() AND (k.retired_at IS NULL OR k.retired_at > now())')
      .orderBy('k.activates_at', 'DESC')
      .getOne();
  }

  /** A key published but not signing yet, the newest if several. */
  pending(): Promise<SigningKeyEntity | null> {
    return this.keys.createQueryBuilder('k').where('k.activates_at > now()').orderBy('k.activates_at', 'DESC').getOne();
  }

  /** Keys verifiers may meet (upcoming, signing, retired but still published), newest first. */
  published(): Promise<SigningKeyEntity[]> {
    return this.keys.createQueryBuilder('k').where('k.publish_until IS NULL OR k.publish_until > now()').orderBy('k.activates_at', 'DESC').getMany();
  }

  /** Held to the end of the transaction: replicas starting together agree on one new key. */
  async lockForRotation(): Promise<void> {
    await this.db.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['mrt:users:signing-key']);
  }

  /** The database's clock `delaySeconds` from now: every replica compares activation times against it. */
  async nowPlus(delaySeconds: number): Promise<Date> {
    const [row] = (await this.db.query(`SELECT now() + make_interval(secs => $1) AS activates_at`, [delaySeconds])) as { activates_at: Date }[];
    return row!.activates_at;
  }

  /** Every key still signing (or waiting to) stops at `at`, and stays published `graceSeconds` longer. */
  async retireAt(at: Date, graceSeconds: number): Promise<void> {
    await this.db.query(
      `UPDATE signing_key SET retired_at = $1, publish_until = $1::timestamptz + make_interval(secs => $2)
       WHERE retired_at IS NULL OR retired_at > $1`,
      [at, graceSeconds],
    );
  }

  insert(key: Pick<SigningKeyEntity, 'kid' | 'publicJwk' | 'privateJwk' | 'activatesAt' | 'retiredAt' | 'publishUntil'>): Promise<SigningKeyEntity> {
    return this.keys.save(this.keys.create(key));
  }
}
