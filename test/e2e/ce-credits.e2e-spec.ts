import { inflateSync } from 'node:zlib';
import request from 'supertest';
import { jest } from '@jest/globals';
import { Outbox } from '@msc/db';
import { CeCreditsService } from '@msc/domain/ce-credits';
import { SignedLinks } from '@msc/domain/courses';
import { Notifier } from '@msc/domain/notifications';
import { JobName, JobQueue, QueueName } from '@msc/queue';
import {
  type AttendanceSpec,
  type CohortSpec,
  type CourseSpec,
  createTestApp,
  type EnrollmentSpec,
  Factories,
  type TestApp,
  type TestUser,
} from '@msc/testing';

/** The text pdfkit drew: its content streams inflated, the hex glyph strings decoded, in order. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString(
        'latin1',
      );
    } catch {
      continue;
    }
    for (const line of content.split('\n')) {
      if (!/T[Jj]$/.test(line)) continue;
      const hex = line.match(/<([0-9a-f]+)>/g) ?? [];
      lines.push(hex.map((h) => Buffer.from(h.slice(1, -1), 'hex').toString('latin1')).join(''));
    }
  }
  return lines.join('\n');
}

const CE_CHUNK_SIZE = 250;

describe('ce-credits (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    // Chunks of 250 (of 1,000 by default): three of them take 600 trainees, not 2,100.
    app = await createTestApp({ env: { CE_CHUNK_SIZE: String(CE_CHUNK_SIZE) } });
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => app.close());

  /** A completed CE-eligible cohort of 8 weekly sessions from 2026-03-02 23:00Z, 24 CE hours. */
  async function newCohort(
    spec: Pick<CohortSpec, 'ceEligible' | 'sessions' | 'status'> &
      Pick<CourseSpec, 'ceHours' | 'deliveryMode'> & { accreditor?: string | null } = {},
  ): Promise<string> {
    const cohort = await factories.cohort({
      course: {
        sessions: spec.sessions,
        completionMinSessions: Math.max(1, (spec.sessions ?? 8) - 1),
        deliveryMode: spec.deliveryMode,
        ceHours: spec.ceHours === undefined ? '24.00' : spec.ceHours,
        ceAccreditor:
          spec.accreditor === undefined
            ? 'Approved for 24 CE hours by the Example Board of Psychology (provider 1234).'
            : spec.accreditor,
      },
      firstSessionAt: new Date('2026-03-02T23:00:00Z'),
      timeZone: 'America/New_York',
      capacity: 10000,
      ceEligible: spec.ceEligible ?? true,
      status: spec.status ?? 'completed',
    });
    return cohort.id;
  }

  /** Enrolls the users alike (CE requested, completed, present throughout unless told). */
  async function enroll(
    cohortId: string,
    userIds: string[],
    { attended, missed, ...spec }: EnrollmentSpec & AttendanceSpec = {},
  ): Promise<string[]> {
    const ids = await factories.enrollments(cohortId, userIds, {
      requestCe: true,
      ...spec,
      completed: spec.completed ?? true,
    });
    await factories.attendance(cohortId, userIds, { attended, missed });
    return ids;
  }

  /** What the courses context does when a cohort completes: an outbox row, relayed to BullMQ. */
  async function completeCohort(cohortId: string): Promise<void> {
    await app.get(Outbox).add({ name: JobName.IssueCohortCeCredits, data: { cohortId } });
    await app.settle();
  }

  async function credits(cohortId?: string) {
    return app.db.query<{
      id: string;
      enrollment_id: string;
      user_id: string;
      hours: string;
      certificate_number: string;
    }>(
      `SELECT id, enrollment_id, user_id, hours::text AS hours, certificate_number FROM ce_credits
       WHERE $1::uuid IS NULL OR cohort_id = $1 ORDER BY enrollment_id`,
      [cohortId ?? null],
    );
  }

  async function readyNotifications(): Promise<number> {
    const [row] = await app.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM notifications WHERE kind = 'ce_certificate_ready'`,
    );
    return Number(row!.n);
  }

  /** Jobs of the cohort that failed or wait for a retry: a duplicate insert would land here. */
  async function failedJobs(cohortId: string): Promise<string[]> {
    const queue = app.queue(QueueName.CeCredits);
    const jobs = [...(await queue.getFailed()), ...(await queue.getDelayed())];
    return jobs
      .filter((job) => (job.data as { cohortId: string }).cohortId === cohortId)
      .map((job) => `${job.name}: ${job.failedReason}`);
  }

  async function trainee(): Promise<TestUser> {
    return factories.newUser({ displayName: 'Ana Pereira' });
  }

  it('should issue one credit to each eligible enrollment and none to the others', async () => {
    const cohortId = await newCohort();
    const [eligible, noCe, notCompleted, withdrawn, neverCame] = await factories
      .newTrainees(5)
      .then((ids) => ids.map((id) => [id]));
    const [eligibleEnrollment] = await enroll(cohortId, eligible!, { licenseNumber: 'PSY-77' });
    await enroll(cohortId, noCe!, { requestCe: false });
    await enroll(cohortId, notCompleted!, { completed: false });
    await enroll(cohortId, withdrawn!, { status: 'withdrawn' });
    await enroll(cohortId, neverCame!, { attended: 0 });
    const notEligibleCohort = await newCohort({ ceEligible: false });
    await enroll(notEligibleCohort, await factories.newTrainees(3));
    const noHoursCourse = await newCohort({ ceHours: null });
    await enroll(noHoursCourse, await factories.newTrainees(2));

    await completeCohort(cohortId);
    await completeCohort(notEligibleCohort);
    await completeCohort(noHoursCourse);

    const issued = await credits();
    expect(issued).toEqual([
      {
        id: expect.any(String),
        enrollment_id: eligibleEnrollment,
        user_id: eligible![0],
        hours: '24.00',
        certificate_number: expect.stringMatching(/^MSC-CE-\d{4}-\d{6}$/),
      },
    ]);
    expect(await readyNotifications()).toBe(1);
    const [notification] = await app.db.query<{
      user_id: string;
      dedupe_key: string;
      title: string;
      body: string;
    }>(
      `SELECT user_id, dedupe_key, title, body FROM notifications
       WHERE kind = 'ce_certificate_ready'`,
    );
    expect(notification).toEqual({
      user_id: eligible![0],
      dedupe_key: `ce-credit-ready-${issued[0]!.id}`,
      title: 'CE certificate ready',
      body:
        `Your continuing education certificate ${issued[0]!.certificate_number} for ` +
        'Mindful Self-Compassion (24.00 hours) is ready. Download it from your CE credits page.',
    });
    // One audit record for the chunk, naming what it issued.
    const audit = await app.db.query<{
      actor_id: string | null;
      subject: string;
      details: unknown;
    }>(`SELECT actor_id, subject, details FROM audit_events WHERE action = 'ce_credits.issued'`);
    expect(audit).toEqual([
      {
        actor_id: null,
        subject: `cohort/${cohortId}`,
        details: { credits: 1, certificateNumbers: [issued[0]!.certificate_number] },
      },
    ]);
  });

  it('should give no credit for the share of a session missed', async () => {
    const cohortId = await newCohort({ ceHours: '24.00', sessions: 8 });
    const [full, missedOne, excusedThree] = await factories.newTrainees(3);
    await enroll(cohortId, [full!], { attended: 8 });
    await enroll(cohortId, [missedOne!], { attended: 7, missed: 'absent' });
    await enroll(cohortId, [excusedThree!], { attended: 5, missed: 'excused' });
    const thirds = await newCohort({ ceHours: '20.00', sessions: 3 });
    const [twoOfThree, oneOfThree] = await factories.newTrainees(2);
    await enroll(thirds, [twoOfThree!], { attended: 2 });
    await enroll(thirds, [oneOfThree!], { attended: 1, missed: 'absent' });

    await completeCohort(cohortId);
    await completeCohort(thirds);

    const hoursOf = new Map((await credits()).map((c) => [c.user_id, c.hours]));
    expect(Object.fromEntries(hoursOf)).toEqual({
      [full!]: '24.00',
      [missedOne!]: '21.00',
      [excusedThree!]: '15.00',
      [twoOfThree!]: '13.33',
      // 6.666… rounded down, never up.
      [oneOfThree!]: '6.66',
    });
  });

  it('should fan a large cohort out in chunks and keep one credit each however often it runs', async () => {
    const cohortId = await newCohort();
    const count = CE_CHUNK_SIZE * 2 + 100;
    const enrollmentIds = await enroll(cohortId, await factories.newTrainees(count));

    await completeCohort(cohortId);
    await completeCohort(cohortId);
    const queue = app.get(JobQueue);
    for (let i = 0; i < enrollmentIds.length; i += CE_CHUNK_SIZE) {
      const chunk = enrollmentIds.slice(i, i + CE_CHUNK_SIZE);
      for (const batch of ['replay-1', 'replay-2']) {
        await queue.enqueue({
          name: JobName.IssueCeCreditChunk,
          data: { cohortId, batch, enrollmentIds: chunk },
        });
      }
    }
    await app.settle();

    expect(await failedJobs(cohortId)).toEqual([]);
    const issued = await credits(cohortId);
    expect(issued).toHaveLength(count);
    expect(new Set(issued.map((c) => c.enrollment_id)).size).toBe(count);
    expect(new Set(issued.map((c) => c.certificate_number)).size).toBe(count);
    expect(await readyNotifications()).toBe(count);
    // Completed jobs outlive reset(): count this cohort's only.
    const chunkJobs = (await app.queue(QueueName.CeCredits).getCompleted()).filter(
      (job) =>
        job.name === JobName.IssueCeCreditChunk &&
        (job.data as { cohortId: string }).cohortId === cohortId,
    );
    // The first completion fans out 3 chunks, the second finds nothing left; then 2 replays of 3.
    expect(chunkJobs.length).toBe(3 + 2 * 3);
    const sizes = chunkJobs.map((job) => (job.data as { enrollmentIds: string[] }).enrollmentIds);
    expect(Math.max(...sizes.map((ids) => ids.length))).toBe(CE_CHUNK_SIZE);
  });

  it('should issue exactly once when a worker died after committing part of the cohort', async () => {
    const cohortId = await newCohort();
    const enrollmentIds = await enroll(cohortId, await factories.newTrainees(40));
    const service = app.get(CeCreditsService);

    // A chunk that committed half the cohort before its worker was killed, run again alongside.
    const half = enrollmentIds.slice(0, 20);
    const [first, concurrent] = await Promise.all([
      service.issueChunk({ cohortId, enrollmentIds: half }),
      service.issueChunk({ cohortId, enrollmentIds: half }),
    ]);
    expect(first.issued + concurrent.issued).toBe(20);
    await completeCohort(cohortId);

    expect(await failedJobs(cohortId)).toEqual([]);
    const issued = await credits(cohortId);
    expect(issued.map((c) => c.enrollment_id)).toEqual([...enrollmentIds].sort());
    expect(await readyNotifications()).toBe(40);
  });

  it('should roll a failed chunk back and issue it once on the retry', async () => {
    const cohortId = await newCohort();
    await enroll(cohortId, await factories.newTrainees(10));
    // The credits' notifications fail inside the chunk's statement: the credits go with them.
    jest.spyOn(app.get(Notifier), 'partPerRow').mockReturnValueOnce({
      sql: (gate) =>
        `INSERT INTO outbox (id, queue, job_name, payload)
         SELECT gen_random_uuid(), 'x', 'x', '{}'
         FROM ${gate} WHERE msc_abort('worker lost its database connection')`,
      values: [],
    });

    await completeCohort(cohortId);
    expect(await credits(cohortId)).toHaveLength(0);
    const failed = await app.queue(QueueName.CeCredits).getDelayed();
    expect(failed.map((job) => job.name)).toEqual([JobName.IssueCeCreditChunk]);

    await app.runDelayed(QueueName.CeCredits);
    expect(await failedJobs(cohortId)).toEqual([]);
    expect(await credits(cohortId)).toHaveLength(10);
    expect(await readyNotifications()).toBe(10);
  });

  it('should issue credits when the courses context completes the cohort', async () => {
    const admin = await factories.newAdmin();
    const cohortId = await newCohort({ status: 'open' });
    const [all, missedOne, tooFew, noCe] = await factories.newTrainees(4);
    await enroll(cohortId, [all!], { completed: false, attended: 8 });
    await enroll(cohortId, [missedOne!], { completed: false, attended: 7 });
    await enroll(cohortId, [tooFew!], { completed: false, attended: 6 });
    await enroll(cohortId, [noCe!], { completed: false, attended: 8, requestCe: false });

    await request(app.server)
      .post(`/api/v1/cohorts/${cohortId}/complete`)
      .set(admin.auth)
      .expect(202);
    await app.settle();

    const hoursOf = Object.fromEntries((await credits(cohortId)).map((c) => [c.user_id, c.hours]));
    expect(hoursOf).toEqual({ [all!]: '24.00', [missedOne!]: '21.00' });
    expect(await failedJobs(cohortId)).toEqual([]);
  });

  it('should list only the signed-in trainee’s own credits', async () => {
    const ana = await trainee();
    const bo = await factories.newTrainee();
    const cohortId = await newCohort();
    await enroll(cohortId, [ana.id, bo.id]);
    await completeCohort(cohortId);

    const res = await request(app.server).get('/api/v1/me/ce-credits').set(ana.auth).expect(200);
    expect(res.body.items).toEqual([
      {
        id: expect.any(String),
        cohortId,
        courseId: expect.any(String),
        courseCode: expect.any(String),
        courseTitle: expect.stringContaining('Mindful Self-Compassion'),
        hours: 24,
        certificateNumber: expect.stringMatching(/^MSC-CE-/),
        issuedAt: expect.any(String),
        certificateUrl: expect.stringContaining('/certificate.pdf?expires='),
        certificateUrlExpiresAt: expect.any(String),
      },
    ]);
    const own = await credits(cohortId);
    expect(res.body.items[0].id).toBe(own.find((c) => c.user_id === ana.id)!.id);
    await request(app.server).get('/api/v1/me/ce-credits').expect(401);
  });

  it('should stream the certificate PDF to its holder and admins only', async () => {
    const ana = await trainee();
    const other = await factories.newTrainee();
    const admin = await factories.newAdmin();
    const cohortId = await newCohort({ deliveryMode: 'in_person' });
    await enroll(cohortId, [ana.id], { attended: 7, licenseNumber: 'PSY-77' });
    await completeCohort(cohortId);
    const [credit] = await credits(cohortId);
    const url = `/api/v1/ce-credits/${credit!.id}/certificate.pdf`;
    const asBuffer = (req: request.Test) =>
      req.buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

    for (const who of [ana, admin]) {
      const res = await asBuffer(request(app.server).get(url).set(who.auth)).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
      const text = pdfText(pdf);
      for (const printed of [
        'Ana Pereira',
        'License number PSY-77',
        'held in person from March 2, 2026 to April 20, 2026, attending 7 of 8 sessions',
        '21.00 continuing education contact hours',
        'Approved for 24 CE hours by the Example Board of Psychology (provider 1234).',
        `Certificate number: ${credit!.certificate_number}`,
        `${app.config.PUBLIC_BASE_URL}/api/v1/ce-credits/${credit!.id}/verify`,
      ]) {
        expect(text).toContain(printed);
      }
    }
    const refused = await request(app.server).get(url).set(other.auth).expect(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    await request(app.server).get(url).expect(401);
    await request(app.server)
      .get('/api/v1/ce-credits/00000000-0000-4000-8000-000000000000/certificate.pdf')
      .set(admin.auth)
      .expect(404);
  });

  it('should open the certificate by its signed link without a token, and refuse an altered or expired one', async () => {
    const ana = await trainee();
    const cohortId = await newCohort();
    await enroll(cohortId, [ana.id]);
    await completeCohort(cohortId);
    const { body } = await request(app.server)
      .get('/api/v1/me/ce-credits')
      .set(ana.auth)
      .expect(200);
    const item = body.items[0] as {
      id: string;
      certificateUrl: string;
      certificateUrlExpiresAt: string;
    };
    const url = new URL(item.certificateUrl);
    expect(url.origin).toBe(new URL(app.config.PUBLIC_BASE_URL).origin);
    expect(url.pathname).toBe(`/api/v1/signed/ce-credits/${item.id}/certificate.pdf`);
    const expiresAt = new Date(item.certificateUrlExpiresAt).getTime();
    expect(expiresAt).toBeGreaterThan(Date.now());
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + app.config.SIGNED_URL_TTL_SECONDS * 1000);
    expect(Number(url.searchParams.get('expires')) * 1000).toBe(expiresAt);

    // No Authorization header at all.
    const res = await request(app.server)
      .get(url.pathname + url.search)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (chunk: Buffer) => chunks.push(chunk));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect((res.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const signature = url.searchParams.get('signature')!;
    const expires = url.searchParams.get('expires')!;
    const middle = signature.length >> 1;
    const flipped = `${signature.slice(0, middle)}${signature[middle] === 'A' ? 'B' : 'A'}${signature.slice(middle + 1)}`;
    // The last character's two unused bits toggled: the same bytes, spelt another way.
    const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelt = `${signature.slice(0, -1)}${BASE64URL[BASE64URL.indexOf(signature.at(-1)!) ^ 1]}`;
    expect(Buffer.from(respelt, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
    const other = await factories.newTrainee();
    const otherCohort = await newCohort();
    await enroll(otherCohort, [other.id]);
    await completeCohort(otherCohort);
    const [otherCredit] = await credits(otherCohort);
    for (const altered of [
      `${url.pathname}?expires=${expires}&signature=${flipped}`,
      `${url.pathname}?expires=${expires}&signature=${respelt}`,
      `${url.pathname}?expires=${Number(expires) + 3600}&signature=${signature}`,
      // Another person's certificate with this link's signature.
      `/api/v1/signed/ce-credits/${otherCredit!.id}/certificate.pdf?expires=${expires}&signature=${signature}`,
    ]) {
      const refused = await request(app.server).get(altered).expect(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.detail).toMatch(/not valid/);
    }
    for (const incomplete of [
      url.pathname,
      `${url.pathname}?expires=${expires}`,
      `${url.pathname}?expires=${expires}&signature=${signature}&extra=1`,
    ]) {
      const refused = await request(app.server).get(incomplete).expect(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }

    const stale = await app
      .get(SignedLinks)
      .sign(
        `/api/v1/signed/ce-credits/${item.id}/certificate.pdf`,
        60,
        new Date(Date.now() - 3600_000),
      );
    const staleUrl = new URL(stale.url);
    const expired = await request(app.server)
      .get(staleUrl.pathname + staleUrl.search)
      .expect(410);
    expect(expired.headers['content-type']).toContain('application/problem+json');
    expect(expired.body.detail).toMatch(/expired/);
  });

  it('should let anyone verify a certificate by its link', async () => {
    const ana = await trainee();
    const cohortId = await newCohort({ deliveryMode: 'online' });
    await enroll(cohortId, [ana.id], { attended: 7 });
    await completeCohort(cohortId);
    const [credit] = await credits(cohortId);

    const res = await request(app.server)
      .get(`/api/v1/ce-credits/${credit!.id}/verify`)
      .expect(200);
    expect(res.body).toEqual({
      valid: true,
      certificateNumber: credit!.certificate_number,
      holderName: 'Ana Pereira',
      courseTitle: expect.stringContaining('Mindful Self-Compassion'),
      courseCode: expect.any(String),
      hours: 21,
      format: 'live interactive online',
      firstSessionAt: '2026-03-02T23:00:00.000Z',
      lastSessionAt: '2026-04-21T01:30:00.000Z',
      accreditorStatement: expect.stringContaining('Example Board'),
      issuedAt: expect.any(String),
    });
    await request(app.server)
      .get('/api/v1/ce-credits/00000000-0000-4000-8000-000000000000/verify')
      .expect(404);
    await request(app.server).get('/api/v1/ce-credits/not-an-id/verify').expect(400);
  });

  it('should let an admin run issuance again and list a cohort’s credits', async () => {
    const admin = await factories.newAdmin();
    const ana = await trainee();
    const cohortId = await newCohort();
    const [late] = await factories.newTrainees(1);
    await enroll(cohortId, [ana.id]);
    await enroll(cohortId, [late!], { attended: 0 });
    await completeCohort(cohortId);
    expect(await credits(cohortId)).toHaveLength(1);

    // Attendance recorded after the fact; the admin asks for issuance again.
    await app.db.query(`UPDATE attendance_records SET status = 'present' WHERE user_id = $1`, [
      late,
    ]);
    await request(app.server)
      .post('/api/v1/ce-credits/issuance')
      .set(ana.auth)
      .send({ cohortId })
      .expect(403);
    await request(app.server)
      .post('/api/v1/ce-credits/issuance')
      .set(admin.auth)
      .send({ cohortId: 'nope' })
      .expect(400);
    await request(app.server)
      .post('/api/v1/ce-credits/issuance')
      .set(admin.auth)
      .send({ cohortId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    await request(app.server)
      .post('/api/v1/ce-credits/issuance')
      .set(admin.auth)
      .send({ cohortId })
      .expect(202);
    await app.settle();

    const listed = await request(app.server)
      .get('/api/v1/ce-credits')
      .query({ cohortId })
      .set(admin.auth)
      .expect(200);
    expect(listed.body.total).toBe(2);
    expect(listed.body.items.map((c: { hours: number }) => c.hours)).toEqual([24, 24]);
    await request(app.server).get('/api/v1/ce-credits').set(ana.auth).expect(403);
  });
});
