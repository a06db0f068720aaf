import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { BlobStore, S3BlobStore } from '@msc/storage';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';
import { wav } from './practicum.fixtures.js';
import { insertPracticum, insertTitledCohort } from './practicum-views.fixtures.js';
import { S3TestServer } from './s3-test-server.js';

const CHUNK = 'application/offset+octet-stream';

describe('resumable recording uploads on S3 storage (e2e)', () => {
  let s3: S3TestServer;
  let app: TestApp;
  let factories: Factories;
  let dataDir: string;
  let trainee: TestUser;
  let practicumId: string;
  let cohortId: string;

  beforeAll(async () => {
    s3 = await S3TestServer.start('msc-uploads');
    dataDir = await mkdtemp(join(tmpdir(), 'msc-data-'));
    app = await createTestApp({ env: { ...s3.env(), DATA_DIR: dataDir } });
    factories = new Factories(app);
  }, 60_000);
  beforeEach(async () => {
    await app.reset();
    const mentor = await factories.newMentor();
    trainee = await factories.newTrainee();
    practicumId = await insertPracticum(app, trainee.id, mentor.id);
    cohortId = await insertTitledCohort(app, { course: 'MSC', cohort: 'A' }, [
      { userId: trainee.id, role: 'co_teacher' },
    ]);
  });
  afterAll(async () => {
    await app.close();
    await s3.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = (size: number) =>
    request(app.server)
      .post(`/api/v1/practicums/${practicumId}/recording-uploads`)
      .set(trainee.auth)
      .send({ size, cohortId, sessionNumber: 1, consentConfirmed: true })
      .expect(201);
  const send = (id: string, offset: number, chunk: Buffer) =>
    request(app.server)
      .patch(`/api/v1/recording-uploads/${id}`)
      .set(trainee.auth)
      .set('Content-Type', CHUNK)
      .set('Upload-Offset', String(offset))
      .send(chunk);
  const parts = async () => {
    const keys: string[] = [];
    for await (const blob of app.get(BlobStore).list('recording-uploads')) keys.push(blob.key);
    return keys;
  };

  it('should assemble the chunks into one object and remove the parts, and abort cleanly', async () => {
    expect(app.get(BlobStore)).toBeInstanceOf(S3BlobStore);
    const file = wav(61);
    const id = (await start(file.length)).body.uploadId as string;
    await send(id, 0, file.subarray(0, 100_000)).expect(200);
    await send(id, 100_000, file.subarray(100_000, 300_000)).expect(200);
    expect(await parts()).toHaveLength(2);
    const done = await send(id, 300_000, file.subarray(300_000)).expect(200);
    expect(done.body.complete).toBe(true);
    await app.settle();
    const recording = await request(app.server)
      .get(`/api/v1/recordings/${done.body.recordingId}`)
      .set(trainee.auth)
      .expect(200);
    expect(recording.body).toMatchObject({
      status: 'awaiting_review',
      durationSeconds: 61,
      size: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
    expect(await parts()).toEqual([]);

    const aborted = (await start(file.length)).body.uploadId as string;
    await send(aborted, 0, file.subarray(0, 50_000)).expect(200);
    expect(await parts()).toHaveLength(1);
    await request(app.server)
      .delete(`/api/v1/recording-uploads/${aborted}`)
      .set(trainee.auth)
      .expect(204);
    expect(await parts()).toEqual([]);
  });
});
