import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, Factories, type TestApp } from '@msc/testing';
import { insertCohort, wav } from './practicum.fixtures.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('teaching recordings past the size limit (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp({ env: { RECORDING_MAX_BYTES: '4096' } });
    factories = new Factories(app);
  }, 60_000);
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  it('should answer 413 once the limit is passed and leave no file behind', async () => {
    const [admin, mentor, trainee] = [
      await factories.newAdmin(),
      await factories.newMentor(),
      await factories.newTrainee(),
    ];
    const practicum = await request(app.server)
      .post('/api/v1/practicums')
      .set(admin.auth)
      .send({ traineeId: trainee.id, mentorId: mentor.id })
      .expect(201);
    const cohortId = await insertCohort(app, {
      startsAt: new Date('2026-01-05T18:00:00Z'),
      status: 'open',
      teachers: [{ userId: trainee.id, role: 'co_teacher' }],
    });
    const before = await filesUnder(app.config.DATA_DIR);
    const refused = await request(app.server)
      .post(`/api/v1/practicums/${practicum.body.id}/recordings`)
      .set(trainee.auth)
      .field('cohortId', cohortId)
      .field('sessionNumber', '1')
      .field('consentConfirmed', 'true')
      .attach('file', wav(61), { filename: 'long.wav', contentType: 'audio/wav' })
      .expect(413);
    expect(refused.body).toMatchObject({ status: 413, maxBytes: 4096 });
    expect(await filesUnder(app.config.DATA_DIR)).toEqual(before);
    const [{ n }] = await app.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM teaching_recordings',
    );
    expect(Number(n)).toBe(0);

    // Just under the limit is stored (and then rejected by the probe as too short).
    await request(app.server)
      .post(`/api/v1/practicums/${practicum.body.id}/recordings`)
      .set(trainee.auth)
      .field('cohortId', cohortId)
      .field('sessionNumber', '1')
      .field('consentConfirmed', 'true')
      .attach('file', wav(0.5), { filename: 'short.wav', contentType: 'audio/wav' })
      .expect(202);
  });
});
