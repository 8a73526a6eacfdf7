import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@mrt/graphql-kit';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('char', { length: 2, nullable: true })
  country: string | null;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text', { array: true })
  roles: Role[];

  /** argon2id PHC string; never leaves this service. */
  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  /** When the owner proved the address is theirs; null: not yet. */
  @Column('timestamptz', { name: 'email_verified_at', nullable: true })
  emailVerifiedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
