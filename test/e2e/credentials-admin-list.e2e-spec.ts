import request from 'supertest';
import { CredentialsService } from '@msc/domain/credentials';
import { createTestApp, expectProblem, Factories, type TestApp, type TestUser } from '@msc/testing';

type Designation = 'trained_teacher' | 'certified_teacher';

describe('credentials admin list (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
  });
  afterAll(() => app.close());

  /** A granted designation (straight in SQL) and its credential, issued by the real service. */
  async function credentialFor(
    holder: TestUser,
    designation: Designation,
    issuedAt: string,
  ): Promise<string> {
    const [req] = await app.db.query<{ id: string }>(
      `INSERT INTO certification_requests (trainee_id, designation, status, decided_by, decided_at)
       VALUES ($1, $2, 'approved', $3, now()) RETURNING id`,
      [holder.id, designation, admin.id],
    );
    const [grant] = await app.db.query<{ id: string }>(
      `INSERT INTO designations (trainee_id, designation, certification_request_id, granted_by)
       VALUES ($1, $2, $3, $4) RETURNING id`,
      [holder.id, designation, req!.id, admin.id],
    );
    const outcome = await app.get(CredentialsService).issue(grant!.id);
    expect(outcome.issued).toBe(true);
    // Issued in the same second: spread them out so that "newest first" is observable.
    await app.db.query('UPDATE credentials SET issued_at = $2 WHERE id = $1', [
      outcome.credentialId,
      issuedAt,
    ]);
    return outcome.credentialId!;
  }

  const list = (query: Record<string, string | number> = {}) =>
    request(app.server).get('/api/v1/credentials').query(query).set(admin.auth);

  it('should list every credential newest first, with holder, status and verification page', async () => {
    const ana = await factories.newUser({
      displayName: 'Ana Pereira',
      email: 'ana.pereira@example.org',
    });
    const bo = await factories.newUser({ displayName: 'Bo Lindqvist', email: 'bo@example.org' });
    const older = await credentialFor(ana, 'trained_teacher', '2027-01-10T10:00:00Z');
    const newer = await credentialFor(bo, 'trained_teacher', '2027-02-10T10:00:00Z');
    const newest = await credentialFor(ana, 'certified_teacher', '2027-03-10T10:00:00Z');

    const res = await list().expect(200);

    expect(res.body.total).toBe(3);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([newest, newer, older]);
    expect(res.body.items[2]).toEqual({
      id: older,
      holderId: ana.id,
      holderName: 'Ana Pereira',
      holderEmail: 'ana.pereira@example.org',
      designation: 'trained_teacher',
      achievement: 'Trained MSC Teacher',
      status: 'active',
      issuedAt: '2027-01-10T10:00:00.000Z',
      revokedAt: null,
      suspendedAt: null,
      reason: null,
      verificationUrl: expect.stringMatching(new RegExp(`/verify/${older}$`)),
    });
  });

  it('should filter by status, designation and holder name or e-mail, and say when and why', async () => {
    const ana = await factories.newUser({ displayName: 'Ana Pereira', email: 'ana@example.org' });
    const bo = await factories.newUser({
      displayName: 'Bo Lindqvist',
      email: 'lindqvist@example.org',
    });
    const cy = await factories.newUser({ displayName: 'Cy 100%_Real', email: 'cy@example.org' });
    const anaTrained = await credentialFor(ana, 'trained_teacher', '2027-01-01T00:00:00Z');
    const anaCertified = await credentialFor(ana, 'certified_teacher', '2027-01-02T00:00:00Z');
    const boTrained = await credentialFor(bo, 'trained_teacher', '2027-01-03T00:00:00Z');
    const cyTrained = await credentialFor(cy, 'trained_teacher', '2027-01-04T00:00:00Z');

    await request(app.server)
      .post(`/api/v1/credentials/${boTrained}/suspend`)
      .set(admin.auth)
      .send({ reason: 'Complaint under review' })
      .expect(200);
    await request(app.server)
      .post(`/api/v1/credentials/${anaTrained}/revoke`)
      .set(admin.auth)
      .send({ reason: 'Issued in error' })
      .expect(200);

    const ids = (res: request.Response) => res.body.items.map((c: { id: string }) => c.id);

    const revoked = await list({ status: 'revoked' }).expect(200);
    expect(ids(revoked)).toEqual([anaTrained]);
    expect(revoked.body.items[0]).toMatchObject({
      status: 'revoked',
      revokedAt: expect.any(String),
      suspendedAt: null,
      reason: 'Issued in error',
    });
    const suspended = await list({ status: 'suspended' }).expect(200);
    expect(suspended.body.items).toEqual([
      expect.objectContaining({
        id: boTrained,
        status: 'suspended',
        suspendedAt: expect.any(String),
        revokedAt: null,
        reason: 'Complaint under review',
      }),
    ]);
    expect(ids(await list({ status: 'active' }).expect(200))).toEqual([cyTrained, anaCertified]);

    expect(ids(await list({ designation: 'certified_teacher' }).expect(200))).toEqual([
      anaCertified,
    ]);
    // By a part of the name (any case) or of the e-mail, with the other filters.
    expect(ids(await list({ q: 'pereira' }).expect(200))).toEqual([anaCertified, anaTrained]);
    expect(ids(await list({ q: 'LINDQVIST@' }).expect(200))).toEqual([boTrained]);
    expect(ids(await list({ q: 'pereira', designation: 'trained_teacher' }).expect(200))).toEqual([
      anaTrained,
    ]);
    expect(ids(await list({ q: 'pereira', status: 'suspended' }).expect(200))).toEqual([]);
    // LIKE's pattern characters are taken literally.
    expect(ids(await list({ q: '100%_' }).expect(200))).toEqual([cyTrained]);
    expect(ids(await list({ q: '%' }).expect(200))).toEqual([cyTrained]);
    const none = await list({ q: 'nobody' }).expect(200);
    expect(none.body).toEqual({ items: [], total: 0 });

    // After a reinstatement the credential is active again and carries no reason.
    await request(app.server)
      .post(`/api/v1/credentials/${boTrained}/reinstate`)
      .set(admin.auth)
      .send({ reason: 'Cleared' })
      .expect(200);
    const back = await list({ q: 'lindqvist' }).expect(200);
    expect(back.body.items[0]).toMatchObject({
      status: 'active',
      suspendedAt: null,
      revokedAt: null,
      reason: null,
    });
  });

  it('should page with limit and offset and count the whole list', async () => {
    const holders = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => factories.newUser({ displayName: `Holder ${n}` })),
    );
    const made: string[] = [];
    for (const [i, holder] of holders.entries()) {
      made.push(await credentialFor(holder, 'trained_teacher', `2027-01-0${i + 1}T00:00:00Z`));
    }
    const newestFirst = [...made].reverse();

    const first = await list({ limit: 2, offset: 0 }).expect(200);
    const second = await list({ limit: 2, offset: 2 }).expect(200);
    const last = await list({ limit: 2, offset: 4 }).expect(200);
    const past = await list({ limit: 2, offset: 10 }).expect(200);

    expect(first.body.total).toBe(5);
    expect(
      [...first.body.items, ...second.body.items, ...last.body.items].map((c) => c.id),
    ).toEqual(newestFirst);
    expect(last.body.items).toHaveLength(1);
    expect(past.body).toEqual({ items: [], total: 5 });
  });

  it('should refuse people who are not admins, and bad filters', async () => {
    const trainee = await factories.newTrainee();
    const mentor = await factories.newMentor();
    await request(app.server).get('/api/v1/credentials').expect(401);
    expectProblem(await request(app.server).get('/api/v1/credentials').set(trainee.auth), 403);
    expectProblem(await request(app.server).get('/api/v1/credentials').set(mentor.auth), 403);

    const badStatus = await list({ status: 'expired' });
    expectProblem(badStatus, 400);
    expect(badStatus.body.errors).toEqual([
      expect.objectContaining({ field: 'status', message: expect.stringContaining('active') }),
    ]);
    expectProblem(await list({ designation: 'guru' }), 400);
    expectProblem(await list({ limit: 0 }), 400);
    expectProblem(await list({ offset: -1 }), 400);
    expectProblem(await list({ q: 'x'.repeat(101) }), 400);
  });
});
