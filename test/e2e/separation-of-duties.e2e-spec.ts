import request from 'supertest';
import { Role } from '@msc/kernel';
import { createTestApp, expectProblem, Factories, type TestApp, type TestUser } from '@msc/testing';

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

  describe('POST /recordings/:id/reviews', () => {
    async function recordingAwaitingReview(trainee: TestUser, reviewer: TestUser) {
      const mentor = await factories.newMentor();
      const practicumId = await factories.practicum({ traineeId: trainee.id, mentorId: mentor.id });
      const cohort = await factories.cohort({ firstSessionAt: new Date('2026-01-05T18:00:00Z') });
      return factories.recording({
        practicumId,
        traineeId: trainee.id,
        cohortId: cohort.id,
        reviewerId: reviewer.id,
      });
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
      const applicationId = await factories.application(self.id, 'Me');

      const own = await request(app.server)
        .post(`/api/v1/applications/${applicationId}/decision`)
        .set(self.auth)
        .send({ decision: 'approved' });

      expectProblem(own, 403);
      expect(own.body).toMatchObject({ code: 'applications.own_decision' });
      const [row] = await app.db.query<{ status: string }>(
        'SELECT status FROM applications WHERE id = $1',
        [applicationId],
      );
      expect(row!.status).toBe('submitted');
      const byOther = await request(app.server)
        .post(`/api/v1/applications/${applicationId}/decision`)
        .set(other.auth)
        .send({ decision: 'approved' });
      expect(byOther.status).toBe(200);
      expect(byOther.body).toMatchObject({ status: 'approved', decidedBy: other.id });
    });

    it('should not verify their own attestation', async () => {
      const self = await newAdminTrainee();
      const attestationId = await factories.attestation(self.id, 'group_teaching', 'Me');

      const res = await request(app.server)
        .post(`/api/v1/attestations/${attestationId}/decision`)
        .set(self.auth)
        .send({ decision: 'verified' });

      expectProblem(res, 403);
      const [row] = await app.db.query<{ status: string; decided_by: string | null }>(
        'SELECT status, decided_by FROM attestations WHERE id = $1',
        [attestationId],
      );
      expect(row).toEqual({ status: 'pending', decided_by: null });
    });

    it('should not approve their own certification request, and no designation is granted', async () => {
      const self = await newAdminTrainee();
      const other = await factories.newAdmin();
      const requestId = await factories.certificationRequest(self.id, 'trained_teacher');

      const own = await request(app.server)
        .post(`/api/v1/certifications/${requestId}/decision`)
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
        .post(`/api/v1/certifications/${requestId}/decision`)
        .set(other.auth)
        .send({ decision: 'rejected' });
      expect(byOther.status).toBe(200);
    });

    it('should not log mentoring sessions in their own practicum', async () => {
      const self = await newAdminTrainee();
      const mentor = await factories.newMentor();
      const other = await factories.newAdmin();
      const practicumId = await factories.practicum({ traineeId: self.id, mentorId: mentor.id });
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
      const { id: cohortId, sessions } = await factories.cohort({ startedDaysAgo: 1 });
      await factories.enrollments(cohortId, [self.id, classmate.id]);
      const session = sessions[0]!;
      const url = `/api/v1/cohorts/${cohortId}/sessions/${session.id}/attendance`;

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
        [session.id],
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
