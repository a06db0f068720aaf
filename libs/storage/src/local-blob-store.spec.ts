import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalBlobStore } from './local-blob-store.js';
import { StorageError, StorageErrorCode } from './storage.errors.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A stream of `total` bytes in chunks of `chunk`, as an upload arrives. */
function chunked(total: number, chunk = 1000): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const n = Math.min(chunk, total - sent);
      sent += n;
      this.push(Buffer.alloc(n, 0x61));
    },
  });
}

describe(LocalBlobStore.name, () => {
  let root: string;
  let sut: LocalBlobStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'msc-blobs-'));
    sut = new LocalBlobStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('should store a stream under a generated key with its size and SHA-256', async () => {
    const body = 'hello, evidence';
    const stored = await sut.put(Readable.from([Buffer.from(body)]), {
      prefix: 'evidence',
      maxBytes: 1024,
    });
    expect(stored).toEqual({
      key: expect.stringMatching(/^evidence\/[0-9a-f-]{36}$/),
      size: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    expect(await text(await sut.get(stored.key))).toBe(body);
    expect(await sut.stat(stored.key)).toMatchObject({ key: stored.key, size: body.length });
    expect(await filesUnder(join(root, '.tmp'))).toEqual([]);
  });

  it('should accept an upload of exactly the limit', async () => {
    const stored = await sut.put(chunked(3000), { prefix: 'evidence', maxBytes: 3000 });
    expect(stored.size).toBe(3000);
  });

  it('should abort past the limit while streaming and leave no file behind', async () => {
    const source = chunked(10_000_000, 1000);
    const refused = sut.put(source, { prefix: 'evidence', maxBytes: 2048 });
    await expect(refused).rejects.toBeInstanceOf(StorageError);
    await expect(refused).rejects.toMatchObject({ code: StorageErrorCode.TooLarge });
    expect(await filesUnder(root)).toEqual([]);
    // The source was not read to its end: the limit stopped the stream, not a count afterwards.
    expect(source.destroyed).toBe(true);
  });

  it('should remove the partial file when the source fails midway', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(500));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(sut.put(failing, { prefix: 'evidence', maxBytes: 10_000 })).rejects.toThrow(
      'client went away',
    );
    expect(await filesUnder(root)).toEqual([]);
  });

  it('should read a byte range with inclusive ends', async () => {
    const stored = await sut.put(Readable.from([Buffer.from('0123456789')]), {
      prefix: 'recordings',
      maxBytes: 100,
    });
    expect(await text(await sut.get(stored.key, { start: 2, end: 5 }))).toBe('2345');
    expect(await text(await sut.get(stored.key, { start: 7 }))).toBe('789');
    expect(await text(await sut.get(stored.key, { start: 8, end: 99 }))).toBe('89');
    await expect(sut.get(stored.key, { start: 10 })).rejects.toMatchObject({
      code: StorageErrorCode.InvalidRange,
    });
  });

  it('should delete once and then say there is nothing', async () => {
    const stored = await sut.put(Readable.from([Buffer.from('x')]), {
      prefix: 'evidence',
      maxBytes: 10,
    });
    expect(await sut.delete(stored.key)).toBe(true);
    expect(await sut.delete(stored.key)).toBe(false);
    expect(await sut.stat(stored.key)).toBeNull();
    await expect(sut.get(stored.key)).rejects.toMatchObject({ code: StorageErrorCode.NotFound });
  });

  it('should refuse keys that could point outside the store', async () => {
    for (const key of ['../etc/passwd', 'evidence/../../x', '/abs/path', 'evidence/not-a-uuid']) {
      await expect(sut.stat(key)).rejects.toMatchObject({ code: StorageErrorCode.InvalidKey });
    }
    await expect(
      sut.put(Readable.from([Buffer.from('x')]), { prefix: '../up', maxBytes: 10 }),
    ).rejects.toMatchObject({ code: StorageErrorCode.InvalidKey });
  });
});
