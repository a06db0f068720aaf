import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Outbox } from '@msc/db';
import { JobName } from '@msc/queue';
import { createTestApp, expectProblem, Factories, type TestApp, type TestUser } from '@msc/testing';

const HEADER = 'name,license_number,hours,certificate_number,issued_at';

/** Reads the body as text whatever its media type. */
const asText = (res: request.Response, callback: (error: Error | null, body: string) => void) => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => callback(null, text));
};

describe('ce-credits roster (e2e)', () => {
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

  /** A completed CE-eligible cohort of 8 sessions (24 CE hours). */
  async function newCohort(): Promise<string> {
    const cohort = await factories.cohort({
      course: { completionMinSessions: 6, ceHours: 24, ceAccreditor: 'Board' },
      firstSessionAt: new Date('2026-03-02T18:00:00Z'),
      ceEligible: true,
      status: 'completed',
    });
    return cohort.id;
  }

  /** A completed enrollment with CE requested, present at `attended` of the 8 sessions. */
  async function enroll(
    cohortId: string,
    user: TestUser,
    licenseNumber: string | null,
    attended = 8,
  ): Promise<void> {
    await factories.enrollment(cohortId, user.id, {
      requestCe: true,
      licenseNumber,
      completed: true,
    });
    await factories.attendance(cohortId, [user.id], { attended });
  }

  async function completeCohort(cohortId: string): Promise<void> {
    await app.get(Outbox).add({ name: JobName.IssueCohortCeCredits, data: { cohortId } });
    await app.settle();
  }

  const roster = (cohortId: string, who: TestUser = admin) =>
    request(app.server)
      .get(`/api/v1/cohorts/${cohortId}/ce-roster.csv`)
      .set(who.auth)
      .buffer(true)
      .parse(asText);

  const lines = (csv: string) => csv.split('\r\n');

  it('should answer the cohort’s CE credits as a CSV attachment, quoted and defused', async () => {
    const cohortId = await newCohort();
    const ana = await factories.newUser({ displayName: 'Pereira, Ana' });
    const bo = await factories.newUser({ displayName: 'Bo "Bear" Lind' });
    const evil = await factories.newUser({ displayName: '=HYPERLINK("http://x.example","y")' });
    const dash = await factories.newUser({ displayName: 'Zoe Zed' });
    await enroll(cohortId, ana, 'PSY-77');
    await enroll(cohortId, bo, null, 7);
    await enroll(cohortId, evil, '+1-555');
    await enroll(cohortId, dash, '@lic');
    // Another cohort's credit stays out of this roster.
    const other = await newCohort();
    await enroll(other, await factories.newUser({ displayName: 'Elsewhere Person' }), 'X');
    await completeCohort(cohortId);
    await completeCohort(other);

    const res = await roster(cohortId).expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="ce-roster-${cohortId}.csv"`,
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    const credits = await app.db.query<{
      holder_name: string;
      certificate_number: string;
      issued_at: Date;
    }>(`SELECT holder_name, certificate_number, issued_at FROM ce_credits WHERE cohort_id = $1`, [
      cohortId,
    ]);
    const of = (name: string) => {
      const credit = credits.find((c) => c.holder_name === name)!;
      return `${credit.certificate_number},${credit.issued_at.toISOString()}`;
    };
    // A CRLF after each line; the rows in the database's order of names.
    const answer = lines(res.body as string);
    expect(answer[0]).toBe(HEADER);
    expect(answer.at(-1)).toBe('');
    expect([...answer.slice(1, -1)].sort()).toEqual(
      [
        `"'=HYPERLINK(""http://x.example"",""y"")",'+1-555,24.00,${of(evil.displayName)}`,
        `"Bo ""Bear"" Lind",,21.00,${of(bo.displayName)}`,
        `"Pereira, Ana",PSY-77,24.00,${of(ana.displayName)}`,
        `Zoe Zed,'@lic,24.00,${of(dash.displayName)}`,
      ].sort(),
    );
    expect(answer.indexOf(`"Bo ""Bear"" Lind",,21.00,${of(bo.displayName)}`)).toBeLessThan(
      answer.indexOf(`Zoe Zed,'@lic,24.00,${of(dash.displayName)}`),
    );
  });

  it('should answer only the header for a cohort without credits, and 404 for no cohort', async () => {
    const cohortId = await newCohort();
    const res = await roster(cohortId).expect(200);
    expect(res.body).toBe(`${HEADER}\r\n`);

    const missing = await request(app.server)
      .get(`/api/v1/cohorts/${randomUUID()}/ce-roster.csv`)
      .set(admin.auth);
    expectProblem(missing, 404);
    expectProblem(
      await request(app.server).get('/api/v1/cohorts/not-a-uuid/ce-roster.csv').set(admin.auth),
      400,
    );
  });

  it('should refuse people who are not admins', async () => {
    const cohortId = await newCohort();
    const trainee = await factories.newTrainee();
    await enroll(cohortId, trainee, 'PSY-1');
    await completeCohort(cohortId);
    await request(app.server).get(`/api/v1/cohorts/${cohortId}/ce-roster.csv`).expect(401);
    expectProblem(
      await request(app.server).get(`/api/v1/cohorts/${cohortId}/ce-roster.csv`).set(trainee.auth),
      403,
    );
    expectProblem(
      await request(app.server)
        .get(`/api/v1/cohorts/${cohortId}/ce-roster.csv`)
        .set((await factories.newMentor()).auth),
      403,
    );
  });

  it('should list the cohort’s credits with their holders, and add late ones on a re-issue', async () => {
    const cohortId = await newCohort();
    const ana = await factories.newUser({ displayName: 'Ana Pereira' });
    const late = await factories.newUser({ displayName: 'Late Larry' });
    await enroll(cohortId, ana, 'PSY-77');
    // Completed, but no attendance recorded yet: no hours, so no credit.
    await enroll(cohortId, late, null, 0);
    await completeCohort(cohortId);

    const before = await request(app.server)
      .get('/api/v1/ce-credits')
      .query({ cohortId })
      .set(admin.auth)
      .expect(200);
    expect(before.body.total).toBe(1);
    expect(before.body.items[0]).toMatchObject({
      cohortId,
      userId: ana.id,
      holderName: 'Ana Pereira',
      licenseNumber: 'PSY-77',
      hours: 24,
      certificateNumber: expect.stringMatching(/^MSC-CE-/),
    });
    const anaNumber = before.body.items[0].certificateNumber as string;

    // Late attendance recorded, then the admin runs issuance again: Larry gets his credit, Ana keeps hers.
    await app.db.query(
      `UPDATE attendance_records SET status = 'present' WHERE cohort_id = $1 AND user_id = $2`,
      [cohortId, late.id],
    );
    const queued = await request(app.server)
      .post('/api/v1/ce-credits/issuance')
      .set(admin.auth)
      .send({ cohortId })
      .expect(202);
    expect(queued.body).toEqual({ cohortId, status: 'queued' });
    await app.settle();

    const after = await request(app.server)
      .get('/api/v1/ce-credits')
      .query({ cohortId })
      .set(admin.auth)
      .expect(200);
    expect(after.body.total).toBe(2);
    expect(
      after.body.items.map((c: { holderName: string; certificateNumber: string }) => [
        c.holderName,
        c.certificateNumber === anaNumber,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['Ana Pereira', true],
        ['Late Larry', false],
      ]),
    );
    const csv = lines((await roster(cohortId).expect(200)).body as string);
    expect(csv).toHaveLength(4);
    expect(csv[1]).toMatch(/^Ana Pereira,PSY-77,24\.00,/);
    expect(csv[2]).toMatch(/^Late Larry,,24\.00,/);
  });
});
