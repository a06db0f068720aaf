import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Secrets generated once and shared by every process through the database. */
@Entity('app_secrets')
export class AppSecret {
  @PrimaryColumn('text')
  name: string;

  @Column('text')
  value: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
