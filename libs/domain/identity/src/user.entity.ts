import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from '@msc/kernel';

@Entity('users')
// Expression indexes of the people lookup, which TypeORM cannot declare; the migration
// IndexUserLookup creates them: gin (to_tsvector('simple', display_name)) and
// (lower(email) text_pattern_ops). Named here so that the schema builder leaves them alone.
@Index('users_display_name_words_idx', { synchronize: false })
@Index('users_email_prefix_idx', { synchronize: false })
// The admins' list of users: its order, and its role filter (gin (roles), made by the migration
// IndexListOrders, which TypeORM cannot declare).
@Index('users_created_idx', ['createdAt', 'id'])
@Index('users_roles_idx', { synchronize: false })
// The admins' search of users by any part of a name or an address (gin trigram indexes, made by the
// migration IndexUserSearchTrigram).
@Index('users_display_name_trgm_idx', { synchronize: false })
@Index('users_email_trgm_idx', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid')
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
