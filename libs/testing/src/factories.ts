import { randomUUID } from 'node:crypto';
import { AccessTokens, PasswordHasher, type UserView } from '@msc/domain/identity';
import { Role } from '@msc/domain/kernel';
import type { TestApp } from './test-app.js';

export const DEFAULT_PASSWORD = 'correct-horse-battery';

export interface TestUser extends UserView {
  password: string;
  accessToken: string;
  /** `{ Authorization: 'Bearer …' }`, ready for supertest's `.set()`. */
  auth: { Authorization: string };
}

let defaultHash: Promise<string> | undefined;

/** Short ways to make what a test needs: `factories.newUser({ roles: [Role.Admin] })`. */
export class Factories {
  constructor(private readonly app: TestApp) {}

  async newUser(
    input: { roles?: Role[]; email?: string; displayName?: string; timeZone?: string } = {},
  ): Promise<TestUser> {
    defaultHash ??= this.app.get(PasswordHasher).hash(DEFAULT_PASSWORD);
    const email = input.email ?? `user-${randomUUID().slice(0, 8)}@example.org`;
    const [row] = await this.app.db.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, display_name, roles, time_zone)
       VALUES ($1, $2, $3, $4::text[], $5) RETURNING id`,
      [
        email,
        await defaultHash,
        input.displayName ?? 'Test User',
        input.roles ?? [Role.Trainee],
        input.timeZone ?? 'UTC',
      ],
    );
    const accessToken = await this.app.get(AccessTokens).sign(row!.id);
    return {
      id: row!.id,
      email,
      displayName: input.displayName ?? 'Test User',
      roles: input.roles ?? [Role.Trainee],
      timeZone: input.timeZone ?? 'UTC',
      password: DEFAULT_PASSWORD,
      accessToken,
      auth: { Authorization: `Bearer ${accessToken}` },
    };
  }

  newAdmin(): Promise<TestUser> {
    return this.newUser({ roles: [Role.Admin], displayName: 'Test Admin' });
  }

  newMentor(): Promise<TestUser> {
    return this.newUser({ roles: [Role.Mentor], displayName: 'Test Mentor' });
  }

  newTrainee(): Promise<TestUser> {
    return this.newUser({ roles: [Role.Trainee], displayName: 'Test Trainee' });
  }
}
