import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@msc/domain/kernel';

@Entity('users')
export class User {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  /** Stored lower-cased; unique. */
  @Column('text', { unique: true })
  email: string;

  @Column('text')
  passwordHash: string;

  @Column('text')
  displayName: string;

  @Column('text', { array: true, default: () => "'{trainee}'" })
  roles: Role[];

  @Column('text', { default: 'UTC' })
  timeZone: string;

  /** When an admin deactivated the account; null while it is active. */
  @Column('timestamptz', { nullable: true })
  deactivatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
