import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import request from 'supertest';
import { createTestApp, expectProblem, Factories, type TestApp, type TestUser } from '@msc/testing';
import { blobFiles, freshDataDir, tinyPdf, tinyPng } from './applications.fixtures.js';

const LIMIT = 2048;

/** A valid PDF padded with a trailing comment to exactly `size` bytes. */
function pdfOfSize(size: number): Buffer {
  const pdf = tinyPdf();
  return Buffer.concat([pdf, Buffer.from(`%${'x'.repeat(size - pdf.length - 2)}\n`, 'latin1')]);
}

describe('attestation evidence size limit (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let dataDir: string;
  let trainee: TestUser;

  beforeAll(async () => {
    dataDir = await freshDataDir();
    app = await createTestApp({ env: { EVIDENCE_MAX_BYTES: String(LIMIT), DATA_DIR: dataDir } });
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    trainee = await factories.newTrainee();
  });
  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const attest = (bytes: Buffer, filename = 'proof.pdf') =>
    request(app.server)
      .post('/api/v1/me/attestations')
      .set(trainee.auth)
      .field('kind', 'silent_retreat_5d')
      .field('statement', 'Five days of silence.')
      .attach('evidence', bytes, { filename, contentType: 'application/pdf' });

  it('should accept evidence of exactly the limit', async () => {
    const pdf = pdfOfSize(LIMIT);
    expect(pdf.length).toBe(LIMIT);
    const res = await attest(pdf).expect(201);
    expect(res.body.evidence).toMatchObject({ contentType: 'application/pdf', size: LIMIT });
    expect(await blobFiles(dataDir)).toHaveLength(1);
  });

  it('should refuse evidence one byte past the limit with 413 and leave nothing behind', async () => {
    const before = await blobFiles(dataDir);
    const res = await attest(pdfOfSize(LIMIT + 1));
    expectProblem(res, 413);
    expect(res.body.detail).toContain('2 KB');
    expect(await blobFiles(dataDir)).toEqual(before);
    expect(await app.db.query('SELECT id FROM attestations')).toEqual([]);
  });

  it('should answer 413 to a large upload, with the statement after the file, and keep nothing', async () => {
    const before = await blobFiles(dataDir);
    const big = Buffer.concat([tinyPng(), randomBytes(3 * 1024 * 1024)]);
    const res = await request(app.server)
      .post('/api/v1/me/attestations')
      .set(trainee.auth)
      .field('kind', 'group_teaching')
      .attach('evidence', big, { filename: 'class.png', contentType: 'image/png' })
      .field('statement', 'Taught a weekly sitting group for three years.');
    expectProblem(res, 413);
    expect(await blobFiles(dataDir)).toEqual(before);
    expect(await app.db.query('SELECT id FROM attestations')).toEqual([]);
    // The connection was left in order: the next request is answered as usual.
    await attest(tinyPdf()).expect(201);
  });
});
