import request from 'supertest';
import { Role } from '@msc/domain/kernel';
import { createTestApp, expectProblem, Factories, type TestApp, type TestUser } from '@msc/testing';
import { insertCohort } from './practicum.fixtures.js';

const SHA = 'a'.repeat(64);

/** Ownership and separation of duties found by the security review, held as regressions. */
describe('authorization, ownership and separation of duties (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  /** An admin who is also a trainee: the multi-role person of the review. */
  const newAdminTrainee = () =>
    factories.newUser({ roles: [Role.Admin, Role.Trainee], displayName: 'Admin Trainee' });

  async function insertPracticum(traineeId: string, mentorId: string): Promise<string> {
    const [row] = await app.db.query<{ id: string }>(
      'INSERT INTO practicums (trainee_id, mentor_id) VALUES ($1, $2) RETURNING id',
      [traineeId, mentorId],
    );
    return row!.id;
  }

  describe('POST /recordings/:id/reviews', () => {
    async function recordingAwaitingReview(trainee: TestUser, reviewer: TestUser) {
      const mentor = await factories.newMentor();
      const practicumId = await insertPracticum(trainee.id, mentor.id);
      const cohortId = await insertCohort(app, { startsAt: new Date('2026-01-05T18:00:00Z') });
      const [row] = await app.db.query<{ id: string }>(
        `INSERT INTO teaching_recordings (practicum_id, trainee_id, cohort_id, session_number,
           status, storage_key, media_type, size_bytes, sha256, duration_seconds,
           consent_confirmed_at, reviewer_id, review_assigned_at, review_due_at)
         VALUES ($1, $2, $3, 1, 'awaiting_review', 'recordings/x', 'audio/wav', 10, $4, 600,
           now(), $5, now(), now() + interval '14 days') RETURNING id`,
        [practicumId, trainee.id, cohortId, SHA, reviewer.id],
      );
      return row!.id;
    }

    const review = {
      scores: {
        coverage_pacing: 'competent',
        relational_skills: 'competent',
        embodiment: 'competent',
        guiding_practices: 'competent',
        inquiry: 'competent',
        holding_the_group: 'competent',
      },
      comments: [],
      summary: 'Fine',
    };

    it('should answer 404 to a mentor who is not involved, as for a recording that does not exist', async () => {
      const trainee = await factories.newTrainee();
      const reviewer = await factories.newMentor();
      const stranger = await factories.newMentor();
      const id = await recordingAwaitingReview(trainee, reviewer);

      const res = await request(app.server)
        .post(`/api/v1/recordings/${id}/reviews`)
        .set(stranger.auth)
        .send(review);

      expectProblem(res, 404);
      const [row] = await app.db.query<{ status: string }>(
        'SELECT status FROM teaching_recordings WHERE id = $1',
        [id],
      );
      expect(row!.status).toBe('awaiting_review');
    });

    it('should still answer 403 to an admin-mentor who may see the recording but does not review it', async () => {
      const trainee = await factories.newTrainee();
      const reviewer = await factories.newMentor();
      const adminMentor = await factories.newUser({ roles: [Role.Admin, Role.Mentor] });
      const id = await recordingAwaitingReview(trainee, reviewer);

      const res = await request(app.server)
        .post(`/api/v1/recordings/${id}/reviews`)
        .set(adminMentor.auth)
        .send(review);

      expectProblem(res, 403);
    });

    it('should let the assigned reviewer review', async () => {
      const trainee = await factories.newTrainee();
      const reviewer = await factories.newMentor();
      const id = await recordingAwaitingReview(trainee, reviewer);

      const res = await request(app.server)
        .post(`/api/v1/recordings/${id}/reviews`)
        .set(reviewer.auth)
        .send(review);

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ outcome: 'competent' });
    });
  });

  describe('an admin who is also a trainee', () => {
    it('should not decide their own teacher-training application', async () => {
      const self = await newAdminTrainee();
      const other = await factories.newAdmin();
      const [app1] = await app.db.query<{ id: string }>(
        `INSERT INTO applications (user_id, kind, statement) VALUES ($1, 'teacher_training', 'Me')
         RETURNING id`,
        [self.id],
      );

      const own = await request(app.server)
        .post(`/api/v1/applications/${app1!.id}/decision`)
        .set(self.auth)
        .send({ decision: 'approved' });

      expectProblem(own, 403);
      expect(own.body).toMatchObject({ code: 'applications.own_decision' });
      const [row] = await app.db.query<{ status: string }>(
        'SELECT status FROM applications WHERE id = $1',
        [app1!.id],
      );
      expect(row!.status).toBe('submitted');
      const byOther = await request(app.server)
        .post(`/api/v1/applications/${app1!.id}/decision`)
        .set(other.auth)
        .send({ decision: 'approved' });
      expect(byOther.status).toBe(200);
      expect(byOther.body).toMatchObject({ status: 'approved', decidedBy: other.id });
    });

    it('should not verify their own attestation', async () => {
      const self = await newAdminTrainee();
      const [att] = await app.db.query<{ id: string }>(
        `INSERT INTO attestations (user_id, kind, statement) VALUES ($1, 'group_teaching', 'Me')
         RETURNING id`,
        [self.id],
      );

      const res = await request(app.server)
        .post(`/api/v1/attestations/${att!.id}/decision`)
        .set(self.auth)
        .send({ decision: 'verified' });

      expectProblem(res, 403);
      const [row] = await app.db.query<{ status: string; decided_by: string | null }>(
        'SELECT status, decided_by FROM attestations WHERE id = $1',
        [att!.id],
      );
      expect(row).toEqual({ status: 'pending', decided_by: null });
    });

    it('should not approve their own certification request, and no designation is granted', async () => {
      const self = await newAdminTrainee();
      const other = await factories.newAdmin();
      const [req] = await app.db.query<{ id: string }>(
        `INSERT INTO certification_requests (trainee_id, designation) VALUES ($1, 'trained_teacher')
         RETURNING id`,
        [self.id],
      );

      const own = await request(app.server)
        .post(`/api/v1/certifications/${req!.id}/decision`)
        .set(self.auth)
        .send({ decision: 'approved' });

      expectProblem(own, 403);
      expect(own.body).toMatchObject({ code: 'credentials.own_request' });
      const designations = await app.db.query('SELECT id FROM designations WHERE trainee_id = $1', [
        self.id,
      ]);
      expect(designations).toEqual([]);
      const [outbox] = await app.db.query<{ n: string }>(
        "SELECT count(*) AS n FROM outbox WHERE job_name = 'issue-credential'",
      );
      expect(Number(outbox!.n)).toBe(0);
      const byOther = await request(app.server)
        .post(`/api/v1/certifications/${req!.id}/decision`)
        .set(other.auth)
        .send({ decision: 'rejected' });
      expect(byOther.status).toBe(200);
    });

    it('should not log mentoring sessions in their own practicum', async () => {
      const self = await newAdminTrainee();
      const mentor = await factories.newMentor();
      const other = await factories.newAdmin();
      const practicumId = await insertPracticum(self.id, mentor.id);
      const body = { kind: 'mentoring', heldAt: '2026-01-05T18:00:00Z', minutes: 60 };

      const own = await request(app.server)
        .post(`/api/v1/practicums/${practicumId}/sessions`)
        .set(self.auth)
        .send(body);

      expectProblem(own, 403);
      const sessions = await app.db.query(
        'SELECT id FROM practicum_sessions WHERE practicum_id = $1',
        [practicumId],
      );
      expect(sessions).toEqual([]);
      const byOther = await request(app.server)
        .post(`/api/v1/practicums/${practicumId}/sessions`)
        .set(other.auth)
        .send(body);
      expect(byOther.status).toBe(201);
    });

    it('should not record their own attendance, while recording others in the same request is refused whole', async () => {
      const self = await newAdminTrainee();
      const classmate = await factories.newTrainee();
      const cohortId = await insertCohort(app, {
        startsAt: new Date(Date.now() - 86_400_000),
        status: 'open',
      });
      await app.db.query(
        `INSERT INTO enrollments (cohort_id, user_id, status, enrolled_at)
         VALUES ($1, $2, 'enrolled', now()), ($1, $3, 'enrolled', now())`,
        [cohortId, self.id, classmate.id],
      );
      const [session] = await app.db.query<{ id: string }>(
        'SELECT id FROM cohort_sessions WHERE cohort_id = $1 AND number = 1',
        [cohortId],
      );
      const url = `/api/v1/cohorts/${cohortId}/sessions/${session!.id}/attendance`;

      const own = await request(app.server)
        .put(url)
        .set(self.auth)
        .send({
          records: [
            { userId: self.id, status: 'present' },
            { userId: classmate.id, status: 'present' },
          ],
        });

      expectProblem(own, 403);
      expect(own.body).toMatchObject({ code: 'courses.own_attendance' });
      const recorded = await app.db.query(
        'SELECT user_id FROM attendance_records WHERE session_id = $1',
        [session!.id],
      );
      expect(recorded).toEqual([]);
      const others = await request(app.server)
        .put(url)
        .set(self.auth)
        .send({ records: [{ userId: classmate.id, status: 'present' }] });
      expect(others.status).toBe(200);
    });
  });
});
