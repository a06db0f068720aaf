import request from 'supertest';
import { SignedLinks } from '@msc/domain/courses';
import { Role } from '@msc/kernel';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';
import { wav } from './practicum.fixtures.js';
import { insertPracticum, insertTitledCohort } from './practicum-views.fixtures.js';

describe('recording media through a signed, expiring link (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;
  let mentor: TestUser;
  let trainee: TestUser;
  let stranger: TestUser;
  let practicumId: string;
  let cohortId: string;
  const file = wav(61);

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  }, 60_000);
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
    mentor = await factories.newUser({ roles: [Role.Mentor], displayName: 'Maya Mentor' });
    trainee = await factories.newUser({ displayName: 'Tara Trainee' });
    stranger = await factories.newUser({ displayName: 'Sam Stranger' });
    practicumId = await insertPracticum(app, trainee.id, mentor.id);
    cohortId = await insertTitledCohort(app, { course: 'MSC 8 weeks', cohort: 'Spring A' }, [
      { userId: trainee.id, role: 'co_teacher' },
    ]);
  });
  afterAll(() => app.close());

  const uploaded = async (): Promise<string> => {
    const res = await request(app.server)
      .post(`/api/v1/practicums/${practicumId}/recordings`)
      .set(trainee.auth)
      .field('cohortId', cohortId)
      .field('sessionNumber', '3')
      .field('consentConfirmed', 'true')
      .attach('file', file, { filename: 'session-3.wav', contentType: 'audio/wav' })
      .expect(202);
    await app.settle();
    return res.body.id as string;
  };
  const detail = (id: string, who: TestUser) =>
    request(app.server).get(`/api/v1/recordings/${id}`).set(who.auth);

  it('should give the owner, the reviewer and admins a link that streams byte ranges without a token', async () => {
    const id = await uploaded();
    for (const who of [trainee, mentor, admin]) {
      const body = (await detail(id, who).expect(200)).body;
      expect(body.contentUrl).toMatch(
        new RegExp(`^/api/v1/signed/recordings/${id}/content\\?expires=\\d+&signature=[\\w-]{43}$`),
      );
      const expiresIn = Date.parse(body.contentUrlExpiresAt) - Date.now();
      expect(expiresIn).toBeGreaterThan(3500_000);
      expect(expiresIn).toBeLessThanOrEqual(3600_000);

      const part = await request(app.server)
        .get(body.contentUrl)
        .set('Range', 'bytes=100-199')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(206);
      expect(part.headers['accept-ranges']).toBe('bytes');
      expect(part.headers['content-range']).toBe(`bytes 100-199/${file.length}`);
      expect(part.headers['content-type']).toBe('audio/wav');
      expect(part.headers['content-length']).toBe('100');
      expect(Buffer.compare(part.body as Buffer, file.subarray(100, 200))).toBe(0);
    }

    const url = (await detail(id, trainee).expect(200)).body.contentUrl as string;
    const whole = await request(app.server)
      .get(url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-length']).toBe(String(file.length));
    expect(Buffer.compare(whole.body as Buffer, file)).toBe(0);

    const outside = await request(app.server)
      .get(url)
      .set('Range', `bytes=${file.length}-`)
      .expect(416);
    expect(outside.headers['content-range']).toBe(`bytes */${file.length}`);
  });

  it('should mint no link for someone who cannot read the recording', async () => {
    const id = await uploaded();
    const refused = await detail(id, stranger);
    expect([403, 404]).toContain(refused.status);
    expect(refused.body.contentUrl).toBeUndefined();
  });

  it('should refuse an altered link with 403 and an expired one with 410', async () => {
    const id = await uploaded();
    const other = await uploaded();
    const url = new URL(
      (await detail(id, trainee).expect(200)).body.contentUrl as string,
      'http://x',
    );
    const expires = url.searchParams.get('expires')!;
    const signature = url.searchParams.get('signature')!;
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);

    for (const altered of [
      `${url.pathname}?expires=${expires}&signature=${flipped}`,
      `${url.pathname}?expires=${Number(expires) + 60}&signature=${signature}`,
      `/api/v1/signed/recordings/${other}/content?expires=${expires}&signature=${signature}`,
    ]) {
      const refused = await request(app.server).get(altered).set('Range', 'bytes=0-9').expect(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.headers['content-range']).toBeUndefined();
    }
    await request(app.server).get(url.pathname).expect(400);

    const stale = await app
      .get(SignedLinks)
      .sign(`/api/v1/signed/recordings/${id}/content`, 60, new Date(Date.now() - 3600_000));
    const staleUrl = new URL(stale.url);
    const expired = await request(app.server)
      .get(staleUrl.pathname + staleUrl.search)
      .set('Range', 'bytes=0-9')
      .expect(410);
    expect(expired.headers['content-type']).toContain('application/problem+json');
    expect(expired.body.detail).toMatch(/expired/);
  });
});
