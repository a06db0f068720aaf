import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import { JobName, JobQueue, QueueName } from '@msc/queue';
import { BlobStore } from '@msc/storage';
import { createTestApp, Factories, type TestApp } from '@msc/testing';
import { tinyPdf } from './applications.fixtures.js';

const GRACE_HOURS = 6;

describe('orphaned blob sweep (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let dataDir: string;
  let blobs: BlobStore;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'msc-sweep-'));
    app = await createTestApp({
      env: { DATA_DIR: dataDir, BLOB_SWEEP_GRACE_HOURS: String(GRACE_HOURS) },
    });
    factories = new Factories(app);
    blobs = app.get(BlobStore);
  });
  beforeEach(async () => {
    await app.reset();
    await rm(join(dataDir, 'blobs'), { recursive: true, force: true });
  });
  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const store = (prefix: string) =>
    blobs.put(Readable.from([Buffer.from(`a ${prefix} file`)]), { prefix, maxBytes: 1024 });

  /** Backdates a local blob, as if it had been written `hours` ago. */
  const age = async (key: string, hours: number) => {
    const slash = key.lastIndexOf('/');
    const id = key.slice(slash + 1);
    const when = new Date(Date.now() - hours * 3600_000);
    await utimes(join(dataDir, 'blobs', key.slice(0, slash), id.slice(0, 2), id), when, when);
  };

  const sweepNow = async () => {
    await app.get(JobQueue).enqueue({
      name: JobName.SweepOrphanBlobs,
      data: { trigger: 'manual', requestedAt: new Date().toISOString() },
    });
    await app.settle();
    const [done] = await app.queue(QueueName.Maintenance).getCompleted();
    expect(done).toBeDefined();
    return done!.returnvalue as unknown;
  };

  it('should delete old unreferenced blobs and keep referenced, young and unknown ones', async () => {
    const trainee = await factories.newTrainee();
    const attested = await request(app.server)
      .post('/api/v1/me/attestations')
      .set(trainee.auth)
      .field('kind', 'silent_retreat_5d')
      .field('statement', 'Five silent days.')
      .attach('evidence', tinyPdf(), { filename: 'retreat.pdf', contentType: 'application/pdf' })
      .expect(201);
    const [row] = await app.db.query<{ evidence_key: string }>(
      'SELECT evidence_key FROM attestations WHERE id = $1',
      [attested.body.id],
    );
    const referenced = row!.evidence_key;
    const youngOrphan = await store('evidence');
    const oldOrphan = await store('evidence');
    const oldRecording = await store('recordings');
    const unknownKind = await store('certificates');
    await age(referenced, 48);
    await age(youngOrphan.key, GRACE_HOURS - 1);
    await age(oldOrphan.key, GRACE_HOURS + 1);
    await age(oldRecording.key, GRACE_HOURS + 1);
    await age(unknownKind.key, 48);

    expect(await sweepNow()).toEqual({
      evidence: { checked: 2, deleted: 1 },
      recordings: { checked: 1, deleted: 1 },
    });

    expect(await blobs.stat(referenced)).not.toBeNull();
    expect(await blobs.stat(youngOrphan.key)).not.toBeNull();
    expect(await blobs.stat(unknownKind.key)).not.toBeNull();
    expect(await blobs.stat(oldOrphan.key)).toBeNull();
    expect(await blobs.stat(oldRecording.key)).toBeNull();
    // The evidence still downloads: the sweep never touches what a row names.
    await request(app.server)
      .get(`/api/v1/attestations/${attested.body.id}/evidence`)
      .set(trainee.auth)
      .expect(200);
  });

  it('should keep an old blob once its row commits, and sweep it after the row is gone', async () => {
    const trainee = await factories.newTrainee();
    const attested = await request(app.server)
      .post('/api/v1/me/attestations')
      .set(trainee.auth)
      .field('kind', 'silent_retreat_5d')
      .field('statement', 'Five silent days.')
      .attach('evidence', tinyPdf(), { filename: 'retreat.pdf', contentType: 'application/pdf' })
      .expect(201);
    const [row] = await app.db.query<{ evidence_key: string }>(
      'SELECT evidence_key FROM attestations WHERE id = $1',
      [attested.body.id],
    );
    await age(row!.evidence_key, 48);
    expect(await sweepNow()).toMatchObject({ evidence: { checked: 1, deleted: 0 } });
    expect(await blobs.stat(row!.evidence_key)).not.toBeNull();

    await app.db.query('DELETE FROM attestations WHERE id = $1', [attested.body.id]);
    await app.queue(QueueName.Maintenance).clean(0, 0, 'completed');
    expect(await sweepNow()).toMatchObject({ evidence: { checked: 1, deleted: 1 } });
    expect(await blobs.stat(row!.evidence_key)).toBeNull();
  });

  it('should schedule the sweep hourly when the worker boots', async () => {
    const scheduler = await app.queue(QueueName.Maintenance).getJobScheduler('blob-sweep-hourly');
    expect(scheduler).toMatchObject({
      name: JobName.SweepOrphanBlobs,
      pattern: '17 * * * *',
      template: { data: { trigger: 'schedule' } },
    });
  });
});
