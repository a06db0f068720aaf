import { randomBytes } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import { TransactionHost } from '@msc/db';

/** Secrets generated once and shared by every process through the `app_secrets` table. */
@Injectable()
export class AppSecrets {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * The secret called `name`, generated from `bytes` random bytes (base64) on first use. Safe to
   * race: the first insert wins and every process reads the same value.
   */
  async getOrCreate(name: string, bytes: number): Promise<string> {
    await this.tx.query(
      'INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
      [name, randomBytes(bytes).toString('base64')],
    );
    const [row] = await this.tx.query<{ value: string }>(
      'SELECT value FROM app_secrets WHERE name = $1',
      [name],
    );
    return row!.value;
  }
}

@Module({ providers: [AppSecrets], exports: [AppSecrets] })
export class AppSecretsModule {}
