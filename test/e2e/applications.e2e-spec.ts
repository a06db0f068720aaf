import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { DateTime } from 'luxon';
import request from 'supertest';
import { createTestApp, expectProblem, Factories, type TestApp, type TestUser } from '@msc/testing';
import {
  blobFiles,
  freshDataDir,
  htmlPage,
  tinyPdf,
  tinyPng,
  windowsExecutable,
} from './applications.fixtures.js';

interface Evidence {
  bytes: Buffer;
  filename?: string;
  contentType?: string;
}

const PERSONAL_PRACTICE_KEYS = [
  'msc_course.completed',
  'personal_practice.six_months',
  'personal_practice.daily_practice',
  'personal_practice.silent_retreat',
  'personal_practice.group_teaching',
  'personal_practice.practice_log',
];

const KINDS = ['daily_practice_2y', 'silent_retreat_5d', 'group_teaching'] as const;

describe('attestations and applications (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let dataDir: string;
  let admin: TestUser;

  beforeAll(async () => {
    dataDir = await freshDataDir();
    app = await createTestApp({ env: { DATA_DIR: dataDir } });
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
  });
  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  function attest(
    user: TestUser,
    fields: Record<string, string> = {},
    evidence?: Evidence,
    fileField = 'evidence',
  ) {
    const req = request(app.server).post('/api/v1/me/attestations').set(user.auth);
    const all = { kind: 'daily_practice_2y', statement: 'I have sat daily since 2020.', ...fields };
    for (const [name, value] of Object.entries(all)) req.field(name, value);
    if (evidence) {
      req.attach(fileField, evidence.bytes, {
        filename: evidence.filename ?? 'evidence.bin',
        contentType: evidence.contentType ?? 'application/octet-stream',
      });
    }
    return req;
  }

  const decideAttestation = (id: string, body: object, as: TestUser = admin) =>
    request(app.server).post(`/api/v1/attestations/${id}/decision`).set(as.auth).send(body);

  const apply = (user: TestUser, body: object = {}) =>
    request(app.server)
      .post('/api/v1/applications')
      .set(user.auth)
      .send({ kind: 'teacher_training', statement: 'I am ready to teach.', ...body });

  const decideApplication = (id: string, body: object, as: TestUser = admin) =>
    request(app.server).post(`/api/v1/applications/${id}/decision`).set(as.auth).send(body);

  async function auditActions(subject: string): Promise<{ action: string; actorId: string }[]> {
    const res = await request(app.server)
      .get('/api/v1/audit-events')
      .query({ subject })
      .set(admin.auth)
      .expect(200);
    return res.body.items;
  }

  /** The MSC course completed 8 months ago (recorded after the fact). */
  const completedMscCourse = (trainee: TestUser) =>
    factories.completedCourse(trainee.id, DateTime.utc().minus({ months: 8 }).toJSDate());

  async function verifiedAttestations(trainee: TestUser): Promise<void> {
    for (const kind of KINDS) {
      const created = await attest(trainee, { kind }, { bytes: tinyPdf() }).expect(201);
      await decideAttestation(created.body.id, { decision: 'verified' }).expect(200);
    }
  }

  const practisedDays = (trainee: TestUser, days: number) =>
    factories.practiceDays(trainee.id, days);

  describe('attestations', () => {
    it('should accept a real PDF as evidence, judged by its bytes, and serve it back', async () => {
      const trainee = await factories.newTrainee();
      const pdf = tinyPdf();
      const res = await attest(
        trainee,
        { kind: 'silent_retreat_5d', statement: 'Seven silent days at Gaia House, 2023.' },
        { bytes: pdf, filename: 'retreat.bin', contentType: 'application/octet-stream' },
      ).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        kind: 'silent_retreat_5d',
        status: 'pending',
      });
      expect(res.body.evidence).toEqual({
        contentType: 'application/pdf',
        size: pdf.length,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        fileName: 'retreat.bin',
      });
      expect(await blobFiles(dataDir)).toHaveLength(1);

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
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['cache-control']).toBe('private, no-store');
      expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
    });

    it('should take a PNG for what it is, whatever the client calls it', async () => {
      const trainee = await factories.newTrainee();
      const res = await attest(
        trainee,
        { kind: 'group_teaching' },
        { bytes: tinyPng(), filename: 'class.jpg', contentType: 'image/jpeg' },
      ).expect(201);
      expect(res.body.evidence.contentType).toBe('image/png');
      const file = await request(app.server)
        .get(`/api/v1/attestations/${res.body.id}/evidence`)
        .set(admin.auth)
        .expect(200);
      expect(file.headers['content-type']).toBe('image/png');
    });

    it('should refuse an attestation without its evidence file, changing nothing', async () => {
      const trainee = await factories.newTrainee();
      const res = await attest(trainee);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'evidence' })]);
      expect(res.body.detail).toMatch(/evidence/);
      expect(await app.db.query('SELECT id FROM attestations')).toEqual([]);
    });

    it('should keep one pending attestation per kind: a second is 409 and its file is not kept', async () => {
      const trainee = await factories.newTrainee();
      const first = await attest(trainee, {}, { bytes: tinyPdf() }).expect(201);
      const before = await blobFiles(dataDir);
      const second = await attest(trainee, {}, { bytes: tinyPdf('another journal') });
      expectProblem(second, 409);
      expect(second.body.detail).toMatch(/still waiting for review/);
      expect(await blobFiles(dataDir)).toEqual(before);
      // Another kind is fine, and so is the same kind once the first is decided.
      await attest(trainee, { kind: 'silent_retreat_5d' }, { bytes: tinyPdf() }).expect(201);
      await decideAttestation(first.body.id, { decision: 'rejected', note: 'Unreadable' }).expect(
        200,
      );
      await attest(trainee, {}, { bytes: tinyPdf('a readable one') }).expect(201);

      // Two at once: one wins, the other is 409, and only the winner's file stays.
      const other = await factories.newTrainee();
      const filesBefore = (await blobFiles(dataDir)).length;
      const racing = await Promise.all(
        [1, 2, 3].map((n) =>
          attest(other, { kind: 'group_teaching' }, { bytes: tinyPdf(`group ${n}`) }),
        ),
      );
      expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect((await blobFiles(dataDir)).length).toBe(filesBefore + 1);
      const rows = await app.db.query(
        `SELECT id FROM attestations WHERE user_id = $1 AND kind = 'group_teaching'`,
        [other.id],
      );
      expect(rows).toHaveLength(1);
    });

    it.each([
      ['an HTML page', htmlPage(), 'text/html'],
      ['a Windows executable', windowsExecutable(), 'application/pdf'],
    ])('should refuse %s with 415 and keep no file', async (_name, bytes, contentType) => {
      const trainee = await factories.newTrainee();
      const before = await blobFiles(dataDir);
      const res = await attest(trainee, {}, { bytes, filename: 'proof.pdf', contentType });
      expectProblem(res, 415);
      expect(await blobFiles(dataDir)).toEqual(before);
      const rows = await app.db.query('SELECT id FROM attestations');
      expect(rows).toEqual([]);
    });

    it('should refuse unknown and bad fields with 400, deleting the evidence already stored', async () => {
      const trainee = await factories.newTrainee();
      const before = await blobFiles(dataDir);
      const cases: [Record<string, string>, string, string?][] = [
        [{ userId: admin.id }, 'userId'],
        [{ kind: 'marathon' }, 'kind'],
        [{ statement: '   ' }, 'statement'],
        [{ statement: 'x'.repeat(5001) }, 'statement'],
        [{}, 'file', 'file'],
      ];
      for (const [fields, field, fileField] of cases) {
        const res = await attest(trainee, fields, { bytes: tinyPdf() }, fileField);
        expectProblem(res, 400);
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
      const missing = await request(app.server)
        .post('/api/v1/me/attestations')
        .set(trainee.auth)
        .field('kind', 'group_teaching');
      expectProblem(missing, 400);
      const json = await request(app.server)
        .post('/api/v1/me/attestations')
        .set(trainee.auth)
        .send({ kind: 'group_teaching', statement: 'x' });
      expectProblem(json, 415);
      expect(await blobFiles(dataDir)).toEqual(before);
      expect(await app.db.query('SELECT id FROM attestations')).toEqual([]);
    });

    it('should keep attestations to trainees, their owners and admins', async () => {
      const mentor = await factories.newMentor();
      const ana = await factories.newTrainee();
      const bo = await factories.newTrainee();
      expectProblem(await attest(mentor), 403);
      const mine = await attest(ana, {}, { bytes: tinyPdf() }).expect(201);
      const id = mine.body.id as string;

      await request(app.server).get(`/api/v1/attestations/${id}/evidence`).set(bo.auth).expect(404);
      await request(app.server)
        .get(`/api/v1/attestations/${id}/evidence`)
        .set(mentor.auth)
        .expect(404);
      await request(app.server).get(`/api/v1/attestations/${id}`).set(bo.auth).expect(404);
      await request(app.server).get(`/api/v1/attestations/${id}/evidence`).expect(401);
      await request(app.server).get('/api/v1/attestations').set(ana.auth).expect(403);
      expectProblem(await decideAttestation(id, { decision: 'verified' }, ana), 403);

      const own = await request(app.server).get('/api/v1/me/attestations').set(bo.auth).expect(200);
      expect(own.body.items).toEqual([]);
      const anas = await request(app.server)
        .get('/api/v1/me/attestations')
        .set(ana.auth)
        .expect(200);
      expect(anas.body.items.map((a: { id: string }) => a.id)).toEqual([id]);
    });

    it('should let an admin verify or reject pending attestations, audited and notified', async () => {
      const trainee = await factories.newTrainee();
      const first = await attest(
        trainee,
        { kind: 'daily_practice_2y' },
        { bytes: tinyPdf() },
      ).expect(201);
      const second = await attest(trainee, { kind: 'group_teaching' }, { bytes: tinyPdf() }).expect(
        201,
      );

      const pending = await request(app.server)
        .get('/api/v1/attestations')
        .query({ status: 'pending' })
        .set(admin.auth)
        .expect(200);
      expect(pending.body.items.map((a: { id: string }) => a.id).sort()).toEqual(
        [first.body.id, second.body.id].sort(),
      );
      expect(pending.body.items[0]).toMatchObject({
        traineeId: trainee.id,
        traineeName: 'Test Trainee',
        decidedByName: null,
      });

      const verified = await decideAttestation(first.body.id, { decision: 'verified' }).expect(200);
      expect(verified.body).toMatchObject({ status: 'verified', decidedBy: admin.id });
      const rejected = await decideAttestation(second.body.id, {
        decision: 'rejected',
        note: 'Please attach evidence of the classes you taught',
      }).expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: expect.any(String) });

      expectProblem(await decideAttestation(first.body.id, { decision: 'rejected' }), 409);
      expectProblem(
        await decideAttestation('00000000-0000-4000-8000-000000000000', { decision: 'verified' }),
        404,
      );
      expectProblem(await decideAttestation(first.body.id, { decision: 'maybe' }), 400);
      expectProblem(
        await decideAttestation(first.body.id, { decision: 'verified', extra: 1 }),
        400,
      );

      expect(await auditActions(`attestation/${first.body.id}`)).toEqual([
        expect.objectContaining({ action: 'attestation.verified', actorId: admin.id }),
        expect.objectContaining({ action: 'attestation.submitted', actorId: trainee.id }),
      ]);
      expect(await auditActions(`attestation/${second.body.id}`)).toEqual([
        expect.objectContaining({ action: 'attestation.rejected', actorId: admin.id }),
        expect.objectContaining({ action: 'attestation.submitted', actorId: trainee.id }),
      ]);

      await app.settle();
      const inbox = await request(app.server)
        .get('/api/v1/me/notifications')
        .set(trainee.auth)
        .expect(200);
      expect(inbox.body.items.map((n: { kind: string }) => n.kind).sort()).toEqual([
        'attestation_rejected',
        'attestation_verified',
      ]);
      const verifiedOnly = await request(app.server)
        .get('/api/v1/attestations')
        .query({ status: 'verified' })
        .set(admin.auth)
        .expect(200);
      expect(verifiedOnly.body.items.map((a: { id: string }) => a.id)).toEqual([first.body.id]);
      // Who decided, by name, for the admin's list.
      expect(verifiedOnly.body.items[0]).toMatchObject({
        decidedBy: admin.id,
        decidedByName: 'Test Admin',
      });
      const own = await request(app.server)
        .get('/api/v1/me/attestations')
        .set(trainee.auth)
        .expect(200);
      expect(own.body.items[0]).not.toHaveProperty('decidedByName');
    });
  });

  describe('applications', () => {
    it('should refuse a fresh trainee with 422 listing every unmet prerequisite', async () => {
      const trainee = await factories.newTrainee();
      const res = await apply(trainee);
      expectProblem(res, 422);
      expect(res.body.unmet.map((u: { key: string }) => u.key)).toEqual(PERSONAL_PRACTICE_KEYS);
      expect(res.body.unmet).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            key: 'personal_practice.practice_log',
            title: expect.any(String),
            have: 0,
            need: 45,
          }),
          expect.objectContaining({ key: 'personal_practice.daily_practice', have: 0, need: 1 }),
        ]),
      );
      expect(await app.db.query('SELECT id FROM applications')).toEqual([]);
    });

    it('should count verified attestations and practice days, and nothing less', async () => {
      const trainee = await factories.newTrainee();
      await verifiedAttestations(trainee);
      await practisedDays(trainee, 44);
      const short = await apply(trainee);
      expectProblem(short, 422);
      expect(short.body.unmet.map((u: { key: string }) => u.key)).toEqual([
        'msc_course.completed',
        'personal_practice.six_months',
        'personal_practice.practice_log',
      ]);
      expect(short.body.unmet[2]).toMatchObject({ have: 44, need: 45 });

      // A later, rejected attestation of a kind takes nothing from the verified one.
      const again = await attest(trainee, { kind: 'group_teaching' }, { bytes: tinyPdf() }).expect(
        201,
      );
      await decideAttestation(again.body.id, { decision: 'rejected' }).expect(200);
      await practisedDays(trainee, 45);
      const res = await apply(trainee);
      expect(res.body.unmet.map((u: { key: string }) => u.key)).toEqual([
        'msc_course.completed',
        'personal_practice.six_months',
      ]);
    });

    it('should take an application once every prerequisite is met, and decide it', async () => {
      const trainee = await factories.newTrainee();
      await completedMscCourse(trainee);
      await verifiedAttestations(trainee);
      await practisedDays(trainee, 45);

      const res = await apply(trainee, { statement: '  I wish to teach MSC.  ' }).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        kind: 'teacher_training',
        status: 'submitted',
        statement: 'I wish to teach MSC.',
      });
      const id = res.body.id as string;
      expectProblem(await apply(trainee), 409);

      const listed = await request(app.server)
        .get('/api/v1/applications')
        .query({ status: 'submitted' })
        .set(admin.auth)
        .expect(200);
      expect(listed.body.items).toEqual([expect.objectContaining({ id, traineeId: trainee.id })]);
      const none = await request(app.server)
        .get('/api/v1/applications')
        .query({ status: 'approved' })
        .set(admin.auth)
        .expect(200);
      expect(none.body.items).toEqual([]);
      const own = await request(app.server)
        .get('/api/v1/me/applications')
        .set(trainee.auth)
        .expect(200);
      expect(own.body.items).toEqual([expect.objectContaining({ id, status: 'submitted' })]);

      const approved = await decideApplication(id, {
        decision: 'approved',
        note: 'Welcome',
      }).expect(200);
      expect(approved.body).toMatchObject({
        id,
        status: 'approved',
        decidedBy: admin.id,
        decisionNote: 'Welcome',
      });
      expectProblem(await decideApplication(id, { decision: 'rejected' }), 409);
      expectProblem(await apply(trainee), 409);
      const decided = await request(app.server)
        .get('/api/v1/applications')
        .query({ status: 'approved' })
        .set(admin.auth)
        .expect(200);
      expect(decided.body.items).toEqual([
        expect.objectContaining({ id, decidedBy: admin.id, decidedByName: 'Test Admin' }),
      ]);
      expect(listed.body.items[0].decidedByName).toBeNull();

      expect(await auditActions(`application/${id}`)).toEqual([
        expect.objectContaining({ action: 'application.approved', actorId: admin.id }),
        expect.objectContaining({ action: 'application.submitted', actorId: trainee.id }),
      ]);
      await app.settle();
      const inbox = await request(app.server)
        .get('/api/v1/me/notifications')
        .set(trainee.auth)
        .expect(200);
      expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain(
        'application_approved',
      );

      const progress = await request(app.server)
        .get('/api/v1/me/progress')
        .set(trainee.auth)
        .expect(200);
      const stages = progress.body.stages as {
        key: string;
        status: string;
        requirements: { key: string; met: boolean }[];
      }[];
      expect(stages.find((s) => s.key === 'personal_practice')!.status).toBe('completed');
      const training = stages.find((s) => s.key === 'teacher_training')!;
      expect(training.requirements.find((r) => r.key === 'teacher_training.application')!.met).toBe(
        true,
      );
    });

    it('should let a rejected trainee apply again', async () => {
      const trainee = await factories.newTrainee();
      await completedMscCourse(trainee);
      await verifiedAttestations(trainee);
      await practisedDays(trainee, 50);
      const first = await apply(trainee).expect(201);
      await decideApplication(first.body.id, {
        decision: 'rejected',
        note: 'Not this round',
      }).expect(200);
      expect(await auditActions(`application/${first.body.id}`)).toEqual([
        expect.objectContaining({ action: 'application.rejected', actorId: admin.id }),
        expect.objectContaining({ action: 'application.submitted' }),
      ]);
      const second = await apply(trainee).expect(201);
      expect(second.body.id).not.toBe(first.body.id);
    });

    it('should refuse wrong roles, bad input and unknown applications', async () => {
      const mentor = await factories.newMentor();
      const trainee = await factories.newTrainee();
      expectProblem(await apply(mentor), 403);
      expectProblem(await apply(trainee, { kind: 'practicum' }), 400);
      expectProblem(await apply(trainee, { statement: '' }), 400);
      expectProblem(await apply(trainee, { userId: mentor.id }), 400);
      await request(app.server).get('/api/v1/applications').set(trainee.auth).expect(403);
      await request(app.server).get('/api/v1/applications').set(mentor.auth).expect(403);
      await request(app.server).get('/api/v1/me/applications').set(mentor.auth).expect(403);
      const unknown = '00000000-0000-4000-8000-000000000000';
      expectProblem(await decideApplication(unknown, { decision: 'approved' }, trainee), 403);
      expectProblem(await decideApplication(unknown, { decision: 'approved' }), 404);
      expectProblem(await decideApplication(unknown, { decision: 'verified' }), 400);
      expectProblem(await decideApplication('not-a-uuid', { decision: 'approved' }), 400);
    });

    it("should not show a trainee someone else's application", async () => {
      const trainee = await factories.newTrainee();
      const other = await factories.newTrainee();
      await completedMscCourse(trainee);
      await verifiedAttestations(trainee);
      await practisedDays(trainee, 45);
      const res = await apply(trainee).expect(201);
      await request(app.server)
        .get(`/api/v1/applications/${res.body.id}`)
        .set(other.auth)
        .expect(404);
      await request(app.server)
        .get(`/api/v1/applications/${res.body.id}`)
        .set(trainee.auth)
        .expect(200);
      const theirs = await request(app.server)
        .get('/api/v1/me/applications')
        .set(other.auth)
        .expect(200);
      expect(theirs.body.items).toEqual([]);
    });
  });
});
