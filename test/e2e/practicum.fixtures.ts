import { randomUUID } from 'node:crypto';
import type { TestApp } from '@msc/testing';

const DAY = 86_400_000;

export interface CohortFixture {
  format?: string;
  /** First session's start; sessions follow weekly. */
  startsAt: Date;
  sessions?: number;
  status?: 'open' | 'completed';
  enrolled?: number;
  /** Extra enrollments that must not count: withdrawn and waitlisted. */
  notCounted?: number;
  teachers?: { userId: string; role: 'lead' | 'co_teacher' }[];
}

/** A course, a cohort with weekly sessions, its teachers and enrolled participants, straight in SQL. */
export async function insertCohort(app: TestApp, fixture: CohortFixture): Promise<string> {
  const sessions = fixture.sessions ?? 8;
  const status = fixture.status ?? 'completed';
  const lastEnd = new Date(fixture.startsAt.getTime() + (sessions - 1) * 7 * DAY + 150 * 60_000);
  const [course] = await app.db.query<{ id: string }>(
    `INSERT INTO courses (code, title, format, session_count, session_minutes, completion_min_sessions)
     VALUES ($1, 'MSC', $2, $3, 150, $3) RETURNING id`,
    [`C-${randomUUID().slice(0, 8)}`, fixture.format ?? 'msc_8_week', sessions],
  );
  const [cohort] = await app.db.query<{ id: string }>(
    `INSERT INTO cohorts (course_id, title, start_date, local_time, time_zone, cadence, capacity, status, completed_at)
     VALUES ($1, 'Cohort', $2::date, '18:00', 'UTC', 'weekly', 100, $3, $4) RETURNING id`,
    [
      course!.id,
      fixture.startsAt.toISOString().slice(0, 10),
      status,
      status === 'completed' ? lastEnd : null,
    ],
  );
  await app.db.query(
    `INSERT INTO cohort_sessions (cohort_id, number, starts_at, ends_at)
     SELECT $1, n, $2::timestamptz + (n - 1) * interval '7 days',
            $2::timestamptz + (n - 1) * interval '7 days' + interval '150 minutes'
     FROM generate_series(1, $3::int) n`,
    [cohort!.id, fixture.startsAt, sessions],
  );
  for (const teacher of fixture.teachers ?? []) {
    await app.db.query(
      'INSERT INTO cohort_teachers (cohort_id, user_id, role) VALUES ($1, $2, $3)',
      [cohort!.id, teacher.userId, teacher.role],
    );
  }
  const enrolled = fixture.enrolled ?? 0;
  const notCounted = fixture.notCounted ?? 0;
  if (enrolled + notCounted > 0) {
    await app.db.query(
      `WITH people AS (
         INSERT INTO users (email, password_hash, display_name, roles)
         SELECT 'p-' || gen_random_uuid() || '@example.org', 'x', 'Participant', '{trainee}'
         FROM generate_series(1, $2::int + $3::int)
         RETURNING id
       ), numbered AS (SELECT id, row_number() OVER () AS n FROM people)
       INSERT INTO enrollments (cohort_id, user_id, status, enrolled_at, waitlisted_at, withdrawn_at)
       SELECT $1, id,
              CASE WHEN n <= $2 THEN 'enrolled' WHEN n % 2 = 0 THEN 'withdrawn' ELSE 'waitlisted' END,
              CASE WHEN n <= $2 OR n % 2 = 0 THEN now() END,
              CASE WHEN n > $2 AND n % 2 = 1 THEN now() END,
              CASE WHEN n > $2 AND n % 2 = 0 THEN now() END
       FROM numbered`,
      [cohort!.id, enrolled, notCounted],
    );
  }
  return cohort!.id;
}

/** A valid PCM WAV of silence: 8 kHz, 8 bit, mono (8000 bytes a second after a 44-byte header). */
export function wav(seconds: number, rate = 8000): Buffer {
  const dataLength = Math.round(seconds * rate);
  const buffer = Buffer.alloc(44 + dataLength, 0x80);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataLength, 4);
  buffer.write('WAVEfmt ', 8, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(rate, 24);
  buffer.writeUInt32LE(rate, 28);
  buffer.writeUInt16LE(1, 32);
  buffer.writeUInt16LE(8, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataLength, 40);
  return buffer;
}

/** The start of a 64-bit ELF executable, padded: what a renamed program looks like. */
export function elfExecutable(): Buffer {
  const buffer = Buffer.alloc(8192, 0);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(buffer, 0);
  buffer.writeUInt16LE(2, 16);
  buffer.writeUInt16LE(0x3e, 18);
  return buffer;
}

/** supertest: collect any body as a Buffer. */
export function binary(res: unknown, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
