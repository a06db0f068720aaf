import request from 'supertest';
import { ProgressService, RequirementKind } from '@msc/domain/pathway';
import { Role } from '@msc/kernel';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

describe('certification (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  const requestDesignation = (trainee: TestUser, designation: string) =>
    request(app.server).post('/api/v1/certifications').set(trainee.auth).send({ designation });

  describe('while requirements are missing', () => {
    it('should refuse a fresh trainee with 422 and the unmet requirements', async () => {
      const trainee = await factories.newTrainee();
      const res = await requestDesignation(trainee, 'trained_teacher').expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.unmet.length).toBeGreaterThan(0);
      for (const unmet of res.body.unmet) {
        expect(unmet).toEqual({
          key: expect.any(String),
          title: expect.any(String),
          have: expect.any(Number),
          need: expect.any(Number),
        });
      }
      expect(res.body.unmet.map((u: { key: string }) => u.key)).toContain('msc_course.completed');
      // Admin approval is what the request asks for: it is never listed as missing.
      expect(res.body.unmet.map((u: { key: string }) => u.key)).not.toContain(
        'practicum.designation',
      );
      const [{ n }] = await app.db.query<{ n: string }>(
        'SELECT count(*) AS n FROM certification_requests',
      );
      expect(Number(n)).toBe(0);
    });

    it('should refuse certified_teacher until trained_teacher is granted', async () => {
      const restore = factories.meetRequirementsExcept(RequirementKind.AdminApproval);
      try {
        const trainee = await factories.newTrainee();
        const res = await requestDesignation(trainee, 'certified_teacher').expect(422);
        expect(res.body.unmet).toEqual([
          { key: 'designation.trained_teacher', title: expect.any(String), have: 0, need: 1 },
        ]);
      } finally {
        restore();
      }
    });
  });

  describe('once eligible', () => {
    let restore: () => void;
    beforeEach(() => {
      restore = factories.meetRequirementsExcept(RequirementKind.AdminApproval);
    });
    afterEach(() => restore());

    it('should accept a request once and answer 409 to a second', async () => {
      const trainee = await factories.newTrainee();
      const res = await requestDesignation(trainee, 'trained_teacher').expect(201);
      expect(res.body).toEqual({ id: expect.any(String), status: 'pending_review' });
      await requestDesignation(trainee, 'trained_teacher').expect(409);

      const admin = await factories.newAdmin();
      const pending = await request(app.server)
        .get('/api/v1/certifications?status=pending_review')
        .set(admin.auth)
        .expect(200);
      expect(pending.body.items).toEqual([
        expect.objectContaining({
          id: res.body.id,
          traineeId: trainee.id,
          status: 'pending_review',
          decidedByName: null,
        }),
      ]);
      await request(app.server).get('/api/v1/certifications').set(trainee.auth).expect(403);
      const mine = await request(app.server)
        .get('/api/v1/me/certifications')
        .set(trainee.auth)
        .expect(200);
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);

      // Once decided, the admin's list names who decided.
      const reviewer = await factories.newUser({
        roles: [Role.Admin],
        displayName: 'Rita Reviewer',
      });
      await request(app.server)
        .post(`/api/v1/certifications/${res.body.id}/decision`)
        .set(reviewer.auth)
        .send({ decision: 'rejected', note: 'Not yet' })
        .expect(200);
      const rejected = await request(app.server)
        .get('/api/v1/certifications?status=rejected')
        .set(admin.auth)
        .expect(200);
      expect(rejected.body.items).toEqual([
        expect.objectContaining({
          id: res.body.id,
          decidedBy: reviewer.id,
          decidedByName: 'Rita Reviewer',
          note: 'Not yet',
        }),
      ]);
      const mineAfter = await request(app.server)
        .get('/api/v1/me/certifications')
        .set(trainee.auth)
        .expect(200);
      expect(mineAfter.body.items[0]).not.toHaveProperty('decidedByName');
    });

    it('should refuse bad input with 400', async () => {
      const trainee = await factories.newTrainee();
      await requestDesignation(trainee, 'grand_master').expect(400);
      await request(app.server)
        .post('/api/v1/certifications')
        .set(trainee.auth)
        .send({ designation: 'trained_teacher', extra: 1 })
        .expect(400);
      const admin = await factories.newAdmin();
      await request(app.server)
        .post('/api/v1/certifications/not-a-uuid/decision')
        .set(admin.auth)
        .send({ decision: 'approved' })
        .expect(400);
      await request(app.server)
        .post('/api/v1/certifications/5d3c6f0e-1111-4222-8333-944455556666/decision')
        .set(admin.auth)
        .send({ decision: 'maybe' })
        .expect(400);
      await request(app.server)
        .post('/api/v1/certifications/5d3c6f0e-1111-4222-8333-944455556666/decision')
        .set(admin.auth)
        .send({ decision: 'approved' })
        .expect(404);
    });

    it('should let only one of two admins approving at once win, and issue one credential', async () => {
      const trainee = await factories.newTrainee();
      const { body } = await requestDesignation(trainee, 'trained_teacher').expect(201);
      const [first, second] = await Promise.all([factories.newAdmin(), factories.newAdmin()]);
      const answers = await Promise.all(
        [first, second].map((admin) =>
          request(app.server)
            .post(`/api/v1/certifications/${body.id}/decision`)
            .set(admin.auth)
            .send({ decision: 'approved', note: 'Well done' }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      await app.settle();

      const counts = await app.db.query<{
        designations: string;
        credentials: string;
        audits: string;
      }>(
        `SELECT (SELECT count(*) FROM designations) AS designations,
                (SELECT count(*) FROM credentials) AS credentials,
                (SELECT count(*) FROM audit_events WHERE action = 'certification.approved') AS audits`,
      );
      expect(counts[0]).toEqual({ designations: '1', credentials: '1', audits: '1' });
      const notes = await app.db.query<{ kind: string }>(
        'SELECT kind FROM notifications WHERE user_id = $1 ORDER BY created_at',
        [trainee.id],
      );
      expect(notes.map((n) => n.kind)).toEqual(
        expect.arrayContaining(['certification_approved', 'credential_issued']),
      );
      const mine = await request(app.server)
        .get('/api/v1/me/credentials')
        .set(trainee.auth)
        .expect(200);
      expect(mine.body.items).toEqual([
        {
          id: expect.any(String),
          designation: 'trained_teacher',
          achievement: 'Trained MSC Teacher',
          status: 'active',
          issuedAt: expect.any(String),
          verificationUrl: expect.stringMatching(/\/verify\/[0-9a-f-]{36}$/),
          pdfUrl: expect.stringContaining('/api/v1/signed/credentials/'),
          pdfUrlExpiresAt: expect.any(String),
          linkedInUrl: expect.stringMatching(/^https:\/\/www\.linkedin\.com\/profile\/add\?/),
        },
      ]);
      // The approval now meets the practicum's admin_approval requirement.
      const unmet = await app.get(ProgressService).unmetFor(trainee.id, 'practicum');
      expect(unmet).toEqual([]);
      // And opens the way to the next designation.
      await requestDesignation(trainee, 'certified_teacher').expect(201);
    });

    it('should record a rejection and let the trainee ask again', async () => {
      const trainee = await factories.newTrainee();
      const admin = await factories.newAdmin();
      const { body } = await requestDesignation(trainee, 'trained_teacher').expect(201);
      const res = await request(app.server)
        .post(`/api/v1/certifications/${body.id}/decision`)
        .set(admin.auth)
        .send({ decision: 'rejected', note: 'Recordings incomplete' })
        .expect(200);
      expect(res.body).toMatchObject({
        id: body.id,
        status: 'rejected',
        note: 'Recordings incomplete',
      });
      await request(app.server)
        .post(`/api/v1/certifications/${body.id}/decision`)
        .set(admin.auth)
        .send({ decision: 'approved' })
        .expect(409);
      await app.settle();
      const [{ n }] = await app.db.query<{ n: string }>('SELECT count(*) AS n FROM designations');
      expect(Number(n)).toBe(0);
      const audits = await app.db.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE subject = $1 ORDER BY id`,
        [`certification_request/${body.id}`],
      );
      expect(audits.map((a) => a.action)).toEqual([
        'certification.requested',
        'certification.rejected',
      ]);
      await requestDesignation(trainee, 'trained_teacher').expect(201);
    });

    it('should refuse decisions to non-admins', async () => {
      const trainee = await factories.newTrainee();
      const { body } = await requestDesignation(trainee, 'trained_teacher').expect(201);
      await request(app.server)
        .post(`/api/v1/certifications/${body.id}/decision`)
        .set(trainee.auth)
        .send({ decision: 'approved' })
        .expect(403);
    });
  });
});
