import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import request from 'supertest';
import { loadConfig } from '@msc/config';
import {
  type BlobStore,
  createBlobStore,
  LocalBlobStore,
  S3BlobStore,
  StorageError,
  StorageErrorCode,
} from '@msc/storage';
import { createTestApp, Factories, type TestApp } from '@msc/testing';
import { tinyPdf } from './applications.fixtures.js';
import { S3TestServer } from './s3-test-server.js';

const MiB = 1024 * 1024;

/** A stream of `total` bytes (a repeating pattern, so a misplaced range shows) in `chunk`-byte pieces. */
function patterned(total: number, chunk = 64 * 1024): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const n = Math.min(chunk, total - sent);
      const bytes = Buffer.alloc(n);
      for (let i = 0; i < n; i++) bytes[i] = (sent + i) % 251;
      sent += n;
      this.push(bytes);
    },
  });
}

function patternBytes(start: number, end: number): Buffer {
  const bytes = Buffer.alloc(end - start + 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (start + i) % 251;
  return bytes;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function keysOf(store: BlobStore, prefix: string, olderThan?: Date): Promise<string[]> {
  const keys: string[] = [];
  for await (const blob of store.list(prefix, { olderThan })) keys.push(blob.key);
  return keys.sort();
}

interface StoreUnderTest {
  store: BlobStore;
  /** Everything the backend holds, finished or not: objects, temp files, pending multipart uploads. */
  leftovers(): Promise<string[]>;
  /** Backdates a blob's modification time, as if it had been written `hours` ago. */
  age(key: string, hours: number): Promise<void>;
}

/** One behavioural contract that every BlobStore must keep, whatever its backend. */
function blobStoreContract(name: string, setUp: () => Promise<StoreUnderTest>) {
  describe(`${name} (BlobStore contract)`, () => {
    let sut: BlobStore;
    let backend: StoreUnderTest;

    beforeEach(async () => {
      backend = await setUp();
      sut = backend.store;
    });

    it('should store a small stream with its size and SHA-256 and read it back', async () => {
      const body = Buffer.from('hello, evidence');
      const stored = await sut.put(Readable.from([body]), { prefix: 'evidence', maxBytes: 1024 });
      expect(stored).toEqual({
        key: expect.stringMatching(/^evidence\/[0-9a-f-]{36}$/),
        size: body.length,
        sha256: sha256(body),
      });
      expect(await bytesOf(await sut.get(stored.key))).toEqual(body);
      expect(await backend.leftovers()).toEqual([stored.key]);
    });

    it('should store a stream larger than several upload parts byte for byte', async () => {
      const total = 20 * MiB + 123;
      const stored = await sut.put(patterned(total), { prefix: 'recordings', maxBytes: 32 * MiB });
      const expected = patternBytes(0, total - 1);
      expect(stored).toMatchObject({ size: total, sha256: sha256(expected) });
      expect(sha256(await bytesOf(await sut.get(stored.key)))).toBe(sha256(expected));
      expect(await sut.stat(stored.key)).toMatchObject({ key: stored.key, size: total });
      expect(await backend.leftovers()).toEqual([stored.key]);
    });

    it('should accept exactly the limit and refuse one byte more, leaving nothing', async () => {
      const exact = await sut.put(patterned(3000, 1000), { prefix: 'evidence', maxBytes: 3000 });
      expect(exact.size).toBe(3000);
      const refused = sut.put(patterned(3001, 1000), { prefix: 'evidence', maxBytes: 3000 });
      await expect(refused).rejects.toBeInstanceOf(StorageError);
      await expect(refused).rejects.toMatchObject({ code: StorageErrorCode.TooLarge });
      expect(await backend.leftovers()).toEqual([exact.key]);
    });

    it('should abort past the limit after parts were sent, leaving no object and no upload', async () => {
      const source = patterned(200 * MiB);
      const refused = sut.put(source, { prefix: 'recordings', maxBytes: 18 * MiB });
      await expect(refused).rejects.toMatchObject({ code: StorageErrorCode.TooLarge });
      // The limit stopped the stream: the 200 MiB were never read to their end.
      expect(source.destroyed).toBe(true);
      expect(await backend.leftovers()).toEqual([]);
      expect(await keysOf(sut, 'recordings')).toEqual([]);
    });

    it('should leave nothing when the source fails midway', async () => {
      let sent = 0;
      const failing = new Readable({
        read() {
          if (sent >= 10 * MiB) {
            this.destroy(new Error('client went away'));
            return;
          }
          sent += MiB;
          this.push(Buffer.alloc(MiB, 1));
        },
      });
      await expect(sut.put(failing, { prefix: 'recordings', maxBytes: 64 * MiB })).rejects.toThrow(
        'client went away',
      );
      expect(await backend.leftovers()).toEqual([]);
    });

    it('should read exactly the bytes of a range, with inclusive ends', async () => {
      const total = 100_000;
      const stored = await sut.put(patterned(total), { prefix: 'recordings', maxBytes: total });
      // Not [0, 0]: s3rver reads an end of 0 as "to the end" (S3BlobStore then refuses its answer).
      for (const [start, end] of [
        [0, 1],
        [2, 2],
        [2, 5],
        [4095, 4100],
        [total - 10, total - 1],
      ] as const) {
        expect(await bytesOf(await sut.get(stored.key, { start, end }))).toEqual(
          patternBytes(start, end),
        );
      }
      expect(await bytesOf(await sut.get(stored.key, { start: total - 3 }))).toEqual(
        patternBytes(total - 3, total - 1),
      );
      expect(
        await bytesOf(await sut.get(stored.key, { start: total - 2, end: total + 50 })),
      ).toEqual(patternBytes(total - 2, total - 1));
      await expect(sut.get(stored.key, { start: total })).rejects.toMatchObject({
        code: StorageErrorCode.InvalidRange,
      });
      await expect(sut.get(stored.key, { start: 5, end: 4 })).rejects.toMatchObject({
        code: StorageErrorCode.InvalidRange,
      });
    });

    it('should stat, delete once, and then say there is nothing', async () => {
      const stored = await sut.put(Readable.from([Buffer.from('x')]), {
        prefix: 'evidence',
        maxBytes: 10,
      });
      const found = await sut.stat(stored.key);
      expect(found).toMatchObject({ key: stored.key, size: 1 });
      expect(Math.abs(found!.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(await sut.delete(stored.key)).toBe(true);
      expect(await sut.delete(stored.key)).toBe(false);
      expect(await sut.stat(stored.key)).toBeNull();
      await expect(sut.get(stored.key)).rejects.toMatchObject({ code: StorageErrorCode.NotFound });
      await expect(sut.get(stored.key, { start: 0 })).rejects.toMatchObject({
        code: StorageErrorCode.NotFound,
      });
      expect(await backend.leftovers()).toEqual([]);
    });

    it("should list a prefix's own blobs, filtered by age", async () => {
      const put = (prefix: string) =>
        sut.put(Readable.from([Buffer.from(prefix)]), { prefix, maxBytes: 100 });
      const young = await put('evidence');
      const old = await put('evidence');
      const nested = await put('evidence/archive');
      const recording = await put('recordings');
      await backend.age(old.key, 30);

      expect(await keysOf(sut, 'evidence')).toEqual([young.key, old.key].sort());
      expect(await keysOf(sut, 'evidence', new Date(Date.now() - 24 * 3600_000))).toEqual([
        old.key,
      ]);
      expect(await keysOf(sut, 'evidence/archive')).toEqual([nested.key]);
      expect(await keysOf(sut, 'recordings')).toEqual([recording.key]);
      expect(await keysOf(sut, 'nothing-here')).toEqual([]);
      const listing = sut.list('../up');
      await expect(listing[Symbol.asyncIterator]().next()).rejects.toMatchObject({
        code: StorageErrorCode.InvalidKey,
      });
    });
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);

describe('blob stores against real backends (e2e)', () => {
  let s3: S3TestServer;
  const localRoots: string[] = [];
  let client: S3Client;

  beforeAll(async () => {
    s3 = await S3TestServer.start();
  });
  afterAll(async () => {
    await s3.stop();
    await Promise.all(localRoots.map((root) => rm(root, { recursive: true, force: true })));
  });

  blobStoreContract(LocalBlobStore.name, async () => {
    const root = await mkdtemp(join(tmpdir(), 'msc-blobs-'));
    localRoots.push(root);
    const store = new LocalBlobStore(root);
    return {
      store,
      // A file's path ends in its uuid; its key is `<prefix>/<uuid>` without the shard directory.
      leftovers: async () =>
        (await filesUnder(root)).map((path) => {
          const parts = path.slice(root.length + 1).split('/');
          return parts[0] === '.tmp'
            ? path
            : [...parts.slice(0, -2), parts[parts.length - 1]].join('/');
        }),
      age: async (key, hours) => {
        const slash = key.lastIndexOf('/');
        const id = key.slice(slash + 1);
        const path = join(root, key.slice(0, slash), id.slice(0, 2), id);
        await utimes(path, hoursAgo(hours), hoursAgo(hours));
      },
    };
  });

  blobStoreContract(S3BlobStore.name, async () => {
    // A fresh platform config through the S3_* variables, as production would build the store.
    const store = createBlobStore(loadConfig({ ...s3.env(), NODE_ENV: 'test' }));
    expect(store).toBeInstanceOf(S3BlobStore);
    client = (store as unknown as { client: S3Client }).client;
    const all = async () => {
      const objects = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
      const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: s3.bucket }));
      return [
        ...(objects.Contents ?? []).map((o) => o.Key!),
        ...(uploads.Uploads ?? []).map((u) => `multipart upload of ${u.Key}`),
      ];
    };
    // Each test starts from an empty bucket.
    for (const key of await all()) {
      if (!key.startsWith('multipart')) await store.delete(key);
    }
    expect(await all()).toEqual([]);
    return {
      store,
      leftovers: async () => (await all()).sort(),
      age: async (key, hours) => {
        await utimes(s3.objectPath(key), hoursAgo(hours), hoursAgo(hours));
      },
    };
  });
});

describe('the platform on S3 storage (e2e)', () => {
  let s3: S3TestServer;
  let app: TestApp;
  let factories: Factories;
  let dataDir: string;

  beforeAll(async () => {
    s3 = await S3TestServer.start('msc-platform');
    dataDir = await mkdtemp(join(tmpdir(), 'msc-data-'));
    app = await createTestApp({ env: { ...s3.env(), DATA_DIR: dataDir } });
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(async () => {
    await app.close();
    await s3.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should keep attestation evidence in the bucket and serve it back through the API', async () => {
    const trainee = await factories.newTrainee();
    const pdf = tinyPdf('Seven silent days');
    const res = await request(app.server)
      .post('/api/v1/me/attestations')
      .set(trainee.auth)
      .field('kind', 'silent_retreat_5d')
      .field('statement', 'Seven silent days at a retreat centre.')
      .attach('evidence', pdf, { filename: 'retreat.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(res.body.evidence).toMatchObject({
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
    });

    const [row] = await app.db.query<{ evidence_key: string }>(
      'SELECT evidence_key FROM attestations WHERE id = $1',
      [res.body.id],
    );
    const store = new S3BlobStore(
      (createBlobStore(app.config) as unknown as { client: S3Client }).client,
      s3.bucket,
    );
    expect(await keysOf(store, 'evidence')).toEqual([row!.evidence_key]);
    expect(await filesUnder(dataDir)).toEqual([]);

    const file = await request(app.server)
      .get(`/api/v1/attestations/${res.body.id}/evidence`)
      .set(trainee.auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.body).toEqual(pdf);
  });
});
