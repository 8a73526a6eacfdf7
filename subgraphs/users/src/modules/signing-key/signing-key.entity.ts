import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { JWK } from 'jose';

@Entity('signing_key')
export class SigningKeyEntity {
  @PrimaryColumn('text')
  kid: string;

  @Column('jsonb', { name: 'public_jwk' })
  publicJwk: JWK;

  /** The private JWK as JSON, or its AES-GCM ciphertext when a key secret is configured. */
  @Column('text', { name: 'private_jwk' })
  privateJwk: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Signs from here on; published before, so verifiers know it by then. */
  @Column('timestamptz', { name: 'activates_at' })
  activatesAt: Date;

  /** Stops signing here (the next key's activation). */
  @Column('timestamptz', { name: 'retired_at', nullable: true })
  retiredAt: Date | null;

  @Column('timestamptz', { name: 'publish_until', nullable: true })
  publishUntil: Date | null;
}
