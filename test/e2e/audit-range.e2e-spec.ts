import request from 'supertest';
import { createTestApp, expectProblem, Factories, type TestApp } from '@msc/testing';

describe('GET /audit-events by time range (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  it('should list the events at or after from and before to, newest first, with the other filters', async () => {
    const admin = await factories.newAdmin();
    await app.db.query(
      `INSERT INTO audit_events (at, action, subject) VALUES
         ('2027-03-01T09:00:00Z', 'range.test', 'thing/a'),
         ('2027-03-02T00:00:00Z', 'range.test', 'thing/b'),
         ('2027-03-02T23:59:59Z', 'range.test', 'thing/c'),
         ('2027-03-03T00:00:00Z', 'range.test', 'thing/d'),
         ('2027-03-02T12:00:00Z', 'range.other', 'thing/e')`,
    );
    const subjects = async (query: string) =>
      (
        (await request(app.server).get(`/api/v1/audit-events?${query}`).set(admin.auth).expect(200))
          .body.items as { subject: string }[]
      ).map((e) => e.subject);

    expect(await subjects('action=range.test&from=2027-03-02&to=2027-03-03')).toEqual([
      'thing/c',
      'thing/b',
    ]);
    // Newest recorded first (the order of the ids), whatever the action.
    expect(await subjects('from=2027-03-02T12:00:00Z&to=2027-03-03T00:00:01Z')).toEqual([
      'thing/e',
      'thing/d',
      'thing/c',
    ]);
    expect(await subjects('action=range.test&to=2027-03-02T00:00:00%2B01:00')).toEqual(['thing/a']);
    expect(await subjects('action=range.test&from=2027-03-02T23:00:00Z')).toEqual([
      'thing/d',
      'thing/c',
    ]);
    // Pages of a range keep to it.
    const first = await request(app.server)
      .get('/api/v1/audit-events?action=range.test&from=2027-03-01&to=2027-03-04&limit=2')
      .set(admin.auth)
      .expect(200);
    const second = await request(app.server)
      .get(
        `/api/v1/audit-events?action=range.test&from=2027-03-01&to=2027-03-04&limit=2&cursor=${first.body.nextCursor}`,
      )
      .set(admin.auth)
      .expect(200);
    expect(
      [...first.body.items, ...second.body.items].map((e: { subject: string }) => e.subject),
    ).toEqual(['thing/d', 'thing/c', 'thing/b', 'thing/a']);
  });

  it('should refuse a malformed instant and a range that ends before it starts', async () => {
    const admin = await factories.newAdmin();
    for (const query of ['from=yesterday', 'to=2027-02-30', 'from=2027-W10']) {
      const res = await request(app.server).get(`/api/v1/audit-events?${query}`).set(admin.auth);
      expectProblem(res, 400);
    }
    const backwards = await request(app.server)
      .get('/api/v1/audit-events?from=2027-03-02&to=2027-03-01')
      .set(admin.auth);
    expectProblem(backwards, 400);
    expect(backwards.body.errors).toEqual([{ field: 'to', message: 'to must be later than from' }]);
  });
});
