import { createHash } from 'node:crypto';
import request from 'supertest';
import { BlobStore } from '@msc/storage';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';
import { elfExecutable, wav } from './practicum.fixtures.js';
import { insertPracticum, insertTitledCohort } from './practicum-views.fixtures.js';

const CHUNK = 'application/offset+octet-stream';

describe('resumable recording uploads (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let mentor: TestUser;
  let trainee: TestUser;
  let practicumId: string;
  let cohortId: string;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  }, 60_000);
  beforeEach(async () => {
    await app.reset();
    mentor = await factories.newMentor();
    trainee = await factories.newTrainee();
    practicumId = await insertPracticum(app, trainee.id, mentor.id);
    cohortId = await insertTitledCohort(app, { course: 'MSC', cohort: 'A' }, [
      { userId: trainee.id, role: 'co_teacher' },
    ]);
  });
  afterAll(() => app.close());

  const start = (body: object, who: TestUser = trainee) =>
    request(app.server)
      .post(`/api/v1/practicums/${practicumId}/recording-uploads`)
      .set(who.auth)
      .send({ cohortId, sessionNumber: 3, consentConfirmed: true, ...body });
  const send = (id: string, offset: number | string, chunk: Buffer, who: TestUser = trainee) =>
    request(app.server)
      .patch(`/api/v1/recording-uploads/${id}`)
      .set(who.auth)
      .set('Content-Type', CHUNK)
      .set('Upload-Offset', String(offset))
      .send(chunk);
  const partBlobs = async () => {
    const keys: string[] = [];
    for await (const blob of app.get(BlobStore).list('recording-uploads')) keys.push(blob.key);
    return keys;
  };
  const count = async (table: string) =>
    Number((await app.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  it('should take a file in chunks, resume at the offset it gives, and create the recording', async () => {
    const file = wav(61);
    const created = await start({
      size: file.length,
      contentType: 'audio/wav',
      filename: 'session-3.wav',
    }).expect(201);
    expect(created.body).toMatchObject({
      uploadId: expect.any(String),
      offset: 0,
      size: file.length,
      complete: false,
      recordingId: null,
      chunkMaxBytes: expect.any(Number),
    });
    const id = created.body.uploadId as string;
    expect(created.headers.location).toBe(`/api/v1/recording-uploads/${id}`);

    const first = await send(id, 0, file.subarray(0, 5000)).expect(200);
    expect(first.body).toMatchObject({ offset: 5000, complete: false });
    expect(first.headers['upload-offset']).toBe('5000');

    // The connection dropped: the client asks where it stands, and a stale offset is refused.
    const head = await request(app.server)
      .head(`/api/v1/recording-uploads/${id}`)
      .set(trainee.auth)
      .expect(200);
    expect(head.headers['upload-offset']).toBe('5000');
    expect(head.headers['upload-length']).toBe(String(file.length));
    const stale = await send(id, 0, file.subarray(0, 5000)).expect(409);
    expect(stale.body).toMatchObject({ code: 'practicum.upload_offset_mismatch', offset: 5000 });
    await send(id, 6000, file.subarray(6000, 7000)).expect(409);
    expect(
      (
        await request(app.server)
          .get(`/api/v1/recording-uploads/${id}`)
          .set(trainee.auth)
          .expect(200)
      ).body.offset,
    ).toBe(5000);

    await send(id, 5000, file.subarray(5000, 200_000)).expect(200);
    const last = await send(id, 200_000, file.subarray(200_000)).expect(200);
    expect(last.body).toMatchObject({
      offset: file.length,
      complete: true,
      recordingId: expect.any(String),
    });
    await app.settle();
    const recording = await request(app.server)
      .get(`/api/v1/recordings/${last.body.recordingId}`)
      .set(trainee.auth)
      .expect(200);
    expect(recording.body).toMatchObject({
      status: 'awaiting_review',
      durationSeconds: 61,
      size: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
      contentType: 'audio/wav',
      filename: 'session-3.wav',
      reviewerId: mentor.id,
      sessionNumber: 3,
    });
    const content = await request(app.server)
      .get(`/api/v1/recordings/${last.body.recordingId}/content`)
      .set(trainee.auth)
      .set('Range', 'bytes=4990-5009')
      .expect(206);
    expect(Buffer.from(content.body as Buffer).equals(file.subarray(4990, 5010))).toBe(true);
    // The parts are gone; the upload answers what it became.
    expect(await partBlobs()).toEqual([]);
    expect(await count('recording_upload_parts')).toBe(0);
    const again = await send(id, file.length, Buffer.alloc(0)).expect(409);
    expect(again.body).toMatchObject({
      code: 'practicum.upload_already_complete',
      recordingId: last.body.recordingId,
    });
    const audited = await app.db.query(
      "SELECT 1 FROM audit_events WHERE action = 'recording.uploaded' AND subject = $1",
      [`recording/${last.body.recordingId}`],
    );
    expect(audited).toHaveLength(1);
  });

  it('should take one of two chunks sent at the same offset at once, and refuse the other', async () => {
    const file = wav(61);
    const id = (await start({ size: file.length }).expect(201)).body.uploadId as string;
    const [a, b] = await Promise.all([
      send(id, 0, file.subarray(0, 100_000)),
      send(id, 0, file.subarray(0, 150_000)),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const won = a.status === 200 ? a : b;
    const now = await request(app.server)
      .get(`/api/v1/recording-uploads/${id}`)
      .set(trainee.auth)
      .expect(200);
    expect(now.body.offset).toBe(won.body.offset);
    expect(await partBlobs()).toHaveLength(1);
    const done = await send(id, now.body.offset, file.subarray(now.body.offset)).expect(200);
    expect(done.body.complete).toBe(true);
    await app.settle();
    const recording = await request(app.server)
      .get(`/api/v1/recordings/${done.body.recordingId}`)
      .set(trainee.auth)
      .expect(200);
    expect(recording.body.sha256).toBe(createHash('sha256').update(file).digest('hex'));
  });

  it('should abort an upload and remove what it received', async () => {
    const file = wav(61);
    const id = (await start({ size: file.length }).expect(201)).body.uploadId as string;
    await send(id, 0, file.subarray(0, 10_000)).expect(200);
    await send(id, 10_000, file.subarray(10_000, 20_000)).expect(200);
    expect(await partBlobs()).toHaveLength(2);
    const stranger = await factories.newTrainee();
    await request(app.server)
      .delete(`/api/v1/recording-uploads/${id}`)
      .set(stranger.auth)
      .expect(404);
    await request(app.server)
      .delete(`/api/v1/recording-uploads/${id}`)
      .set(trainee.auth)
      .expect(204);
    expect(await partBlobs()).toEqual([]);
    expect(await count('recording_uploads')).toBe(0);
    await request(app.server).get(`/api/v1/recording-uploads/${id}`).set(trainee.auth).expect(404);
    await send(id, 20_000, file.subarray(20_000)).expect(404);
    expect(await count('teaching_recordings')).toBe(0);
  });

  it('should refuse what is not audio or video from its first chunk, keeping nothing', async () => {
    const exe = elfExecutable();
    const id = (
      await start({ size: exe.length * 2, contentType: 'video/mp4', filename: 'x.mp4' }).expect(201)
    ).body.uploadId as string;
    const refused = await send(id, 0, exe).expect(415);
    expect(refused.body.code).toBe('practicum.unsupported_media_type');
    expect(await partBlobs()).toEqual([]);
    await request(app.server).get(`/api/v1/recording-uploads/${id}`).set(trainee.auth).expect(404);
  });

  it('should refuse bad sessions and bad chunks, changing nothing', async () => {
    const file = wav(61);
    await start({ size: file.length, consentConfirmed: false }).expect(400);
    await start({ size: 0 }).expect(400);
    const big = await start({ size: 3 * 1024 ** 3 }).expect(413);
    expect(big.body.code).toBe('practicum.upload_too_large');
    await start({ size: file.length, contentType: 'text/html' }).expect(415);
    const foreign = await insertTitledCohort(app, { course: 'B', cohort: 'B' });
    await start({ size: file.length, cohortId: foreign }).expect(422);
    await start({ size: file.length }, mentor).expect(403);
    expect(await count('recording_uploads')).toBe(0);

    const id = (await start({ size: 6000 }).expect(201)).body.uploadId as string;
    const tooMuch = await send(id, 0, file.subarray(0, 6001)).expect(413);
    expect(tooMuch.body.code).toBe('practicum.upload_too_large');
    await send(id, 'abc', file.subarray(0, 10)).expect(400);
    await request(app.server)
      .patch(`/api/v1/recording-uploads/${id}`)
      .set(trainee.auth)
      .set('Content-Type', CHUNK)
      .send(file.subarray(0, 10))
      .expect(400);
    await request(app.server)
      .patch(`/api/v1/recording-uploads/${id}`)
      .set(trainee.auth)
      .set('Upload-Offset', '0')
      .send({ bytes: 'x' })
      .expect(415);
    const other = await factories.newTrainee();
    await send(id, 0, file.subarray(0, 10), other).expect(404);
    expect(
      (
        await request(app.server)
          .get(`/api/v1/recording-uploads/${id}`)
          .set(trainee.auth)
          .expect(200)
      ).body.offset,
    ).toBe(0);
    expect(await partBlobs()).toEqual([]);
  });

  it('should purge an upload left without a chunk past its expiry', async () => {
    const file = wav(61);
    const id = (await start({ size: file.length }).expect(201)).body.uploadId as string;
    await send(id, 0, file.subarray(0, 10_000)).expect(200);
    await app.db.query(
      "UPDATE recording_uploads SET expires_at = now() - interval '1 minute' WHERE id = $1",
      [id],
    );
    await start({ size: file.length }).expect(201);
    await request(app.server).get(`/api/v1/recording-uploads/${id}`).set(trainee.auth).expect(404);
    expect(await partBlobs()).toEqual([]);
  });
});
