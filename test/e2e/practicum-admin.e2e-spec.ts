import request from 'supertest';
import { Role } from '@msc/kernel';
import { QueueName } from '@msc/queue';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';
import { wav } from './practicum.fixtures.js';
import {
  DAY,
  insertPracticum,
  insertRecording,
  insertTitledCohort,
} from './practicum-views.fixtures.js';

describe("the admin's practicums and recordings (e2e)", () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;
  let maya: TestUser;
  let noah: TestUser;
  let ana: TestUser;
  let ben: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  }, 60_000);
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
    maya = await factories.newUser({
      roles: [Role.Mentor],
      displayName: 'Maya Mentor',
      email: 'maya@example.org',
    });
    noah = await factories.newUser({ roles: [Role.Mentor], displayName: 'Noah Guide' });
    ana = await factories.newUser({ displayName: 'Ana Trainee', email: 'ana@example.org' });
    ben = await factories.newUser({ displayName: 'Ben Learner' });
  });
  afterAll(() => app.close());

  const audited = (action: string, subject: string) =>
    app.db.query<{ actor_id: string; details: Record<string, unknown> }>(
      'SELECT actor_id, details FROM audit_events WHERE action = $1 AND subject = $2',
      [action, subject],
    );

  describe('practicums', () => {
    it('should list every practicum with names, filtered by status, person or name', async () => {
      const anas = await insertPracticum(app, ana.id, maya.id);
      const bens = await insertPracticum(app, ben.id, noah.id, 'closed');
      const list = (query = '') =>
        request(app.server).get(`/api/v1/practicums${query}`).set(admin.auth).expect(200);

      const all = await list();
      expect(all.body.total).toBe(2);
      // Active ones first.
      expect(all.body.items.map((p: { id: string }) => p.id)).toEqual([anas, bens]);
      expect(all.body.items[0]).toMatchObject({
        traineeName: 'Ana Trainee',
        mentorName: 'Maya Mentor',
        status: 'active',
        consultationCount: 0,
      });
      expect((await list('?status=closed')).body.items.map((p: { id: string }) => p.id)).toEqual([
        bens,
      ]);
      expect((await list('?q=noah')).body.items.map((p: { id: string }) => p.id)).toEqual([bens]);
      expect((await list('?q=ANA%20T')).body.items.map((p: { id: string }) => p.id)).toEqual([
        anas,
      ]);
      expect((await list('?q=maya@exa')).body.items.map((p: { id: string }) => p.id)).toEqual([
        anas,
      ]);
      // The pattern characters are taken literally.
      expect((await list('?q=%25')).body.total).toBe(0);
      expect((await list(`?mentorId=${noah.id}`)).body.total).toBe(1);
      expect((await list(`?traineeId=${ana.id}`)).body.items[0].id).toBe(anas);
      expect((await list('?limit=1&offset=1')).body).toMatchObject({ total: 2 });

      await request(app.server).get('/api/v1/practicums?status=open').set(admin.auth).expect(400);
      await request(app.server).get('/api/v1/practicums').set(maya.auth).expect(403);
    });

    it('should change the mentor, audited and told, and refuse an ineligible one', async () => {
      const anas = await insertPracticum(app, ana.id, maya.id);
      const change = (mentorId: string, who: TestUser = admin, id = anas) =>
        request(app.server).put(`/api/v1/practicums/${id}/mentor`).set(who.auth).send({ mentorId });

      const self = await change(ana.id).expect(422);
      expect(self.body.code).toBe('practicum.same_person');
      const notMentor = await change(ben.id).expect(422);
      expect(notMentor.body.code).toBe('practicum.not_a_mentor');
      await change('00000000-0000-4000-8000-000000000000').expect(404);
      await change('nope').expect(400);
      await change(noah.id, maya).expect(403);
      expect((await app.db.query('SELECT mentor_id FROM practicums'))[0]).toEqual({
        mentor_id: maya.id,
      });

      const changed = await change(noah.id).expect(200);
      expect(changed.body).toMatchObject({
        id: anas,
        mentorId: noah.id,
        mentorName: 'Noah Guide',
        traineeName: 'Ana Trainee',
      });
      const [event] = await audited('practicum.mentor_changed', `practicum/${anas}`);
      expect(event).toMatchObject({ actor_id: admin.id, details: { from: maya.id, to: noah.id } });
      // The same mentor again changes nothing.
      await change(noah.id).expect(200);
      expect(await audited('practicum.mentor_changed', `practicum/${anas}`)).toHaveLength(1);

      await app.settle();
      const told = await app.db.query<{ user_id: string }>(
        "SELECT user_id FROM notifications WHERE kind = 'practicum.mentor_changed'",
      );
      expect(told.map((n) => n.user_id).sort()).toEqual([ana.id, noah.id, maya.id].sort());
      // Noah now sees the practicum; Maya no more.
      await request(app.server).get(`/api/v1/practicums/${anas}`).set(noah.auth).expect(200);
      await request(app.server).get(`/api/v1/practicums/${anas}`).set(maya.auth).expect(404);

      const closed = await insertPracticum(app, ben.id, maya.id, 'closed');
      const refused = await change(noah.id, admin, closed).expect(409);
      expect(refused.body.code).toBe('practicum.closed');
    });

    it('should not let an admin choose the mentor of their own practicum', async () => {
      const traineeAdmin = await factories.newUser({ roles: [Role.Admin, Role.Trainee] });
      const own = await insertPracticum(app, traineeAdmin.id, maya.id);
      const res = await request(app.server)
        .put(`/api/v1/practicums/${own}/mentor`)
        .set(traineeAdmin.auth)
        .send({ mentorId: noah.id })
        .expect(403);
      expect(res.body.code).toBe('practicum.own_case');
    });
  });

  describe('recordings', () => {
    let practicumId: string;
    let cohortId: string;
    beforeEach(async () => {
      practicumId = await insertPracticum(app, ana.id, maya.id);
      cohortId = await insertTitledCohort(app, { course: 'MSC 8 weeks', cohort: 'Spring A' }, [
        { userId: ana.id, role: 'co_teacher' },
      ]);
    });

    it('should list every recording with names, filtered by status, person, overdue or name', async () => {
      const base = { practicumId, traineeId: ana.id, cohortId };
      const late = await insertRecording(app, {
        ...base,
        reviewerId: maya.id,
        dueInDays: -2,
        createdMinutesAgo: 30,
      });
      const fresh = await insertRecording(app, {
        ...base,
        reviewerId: noah.id,
        createdMinutesAgo: 20,
      });
      const done = await insertRecording(app, {
        ...base,
        status: 'reviewed',
        reviewerId: maya.id,
        createdMinutesAgo: 10,
      });
      const list = (query = '') =>
        request(app.server).get(`/api/v1/recordings${query}`).set(admin.auth).expect(200);
      const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((r) => r.id);

      const all = await list();
      expect(ids(all)).toEqual([done, fresh, late]);
      expect(all.body.items[2]).toMatchObject({
        traineeName: 'Ana Trainee',
        reviewerName: 'Maya Mentor',
        courseTitle: 'MSC 8 weeks',
        cohortTitle: 'Spring A',
        overdue: true,
        status: 'awaiting_review',
      });
      expect(all.body.items[0]).toMatchObject({ outcome: 'competent', overdue: false });
      expect(ids(await list('?status=awaiting_review'))).toEqual([fresh, late]);
      expect(ids(await list('?overdue=true'))).toEqual([late]);
      expect(ids(await list(`?reviewerId=${noah.id}`))).toEqual([fresh]);
      expect(ids(await list('?q=noah'))).toEqual([fresh]);
      expect((await list(`?traineeId=${ben.id}`)).body.total).toBe(0);
      expect((await list('?limit=2')).body).toMatchObject({ total: 3 });

      await request(app.server).get('/api/v1/recordings?status=lost').set(admin.auth).expect(400);
      await request(app.server).get('/api/v1/recordings').set(maya.auth).expect(403);
    });

    it('should reassign the reviewer: new deadlines, old ones dropped, the new reviewer told', async () => {
      const upload = await request(app.server)
        .post(`/api/v1/practicums/${practicumId}/recordings`)
        .set(ana.auth)
        .field('cohortId', cohortId)
        .field('sessionNumber', '2')
        .field('consentConfirmed', 'true')
        .attach('file', wav(61), { filename: 's2.wav', contentType: 'audio/wav' })
        .expect(202);
      const id = upload.body.id as string;
      await app.settle();
      const before = await request(app.server)
        .get(`/api/v1/recordings/${id}`)
        .set(admin.auth)
        .expect(200);
      expect(before.body.reviewerId).toBe(maya.id);
      // Ten days pass, then the admin steps in.
      await app.db.query(
        `UPDATE teaching_recordings SET review_assigned_at = review_assigned_at - interval '11 days',
           review_due_at = review_due_at - interval '11 days' WHERE id = $1`,
        [id],
      );

      const reassign = (reviewerId: string, who: TestUser = admin) =>
        request(app.server)
          .put(`/api/v1/recordings/${id}/reviewer`)
          .set(who.auth)
          .send({ reviewerId });
      const moved = await reassign(noah.id).expect(200);
      expect(moved.body).toMatchObject({
        id,
        reviewerId: noah.id,
        reviewerName: 'Noah Guide',
        status: 'awaiting_review',
        overdue: false,
      });
      const due = Date.parse(moved.body.reviewDueAt) - Date.parse(moved.body.reviewAssignedAt);
      expect(due).toBe(10 * DAY);
      expect(Date.parse(moved.body.reviewAssignedAt)).toBeGreaterThan(Date.now() - 60_000);

      await app.settle();
      const delayed = await app.queue(QueueName.Recordings).getDelayed();
      expect(delayed.map((job) => job.id).sort()).toEqual(
        [`recording-escalation.${id}.${noah.id}`, `recording-reminder.${id}.${noah.id}`].sort(),
      );
      const [event] = await audited('recording.reviewer_reassigned', `recording/${id}`);
      expect(event).toMatchObject({ actor_id: admin.id, details: { from: maya.id, to: noah.id } });
      const told = await app.db.query<{ user_id: string; kind: string }>(
        "SELECT user_id, kind FROM notifications WHERE kind IN ('review.assigned', 'review.withdrawn') ORDER BY created_at, kind",
      );
      expect(told).toEqual(
        expect.arrayContaining([
          { user_id: maya.id, kind: 'review.assigned' },
          { user_id: noah.id, kind: 'review.assigned' },
          { user_id: maya.id, kind: 'review.withdrawn' },
        ]),
      );
      expect(told).toHaveLength(3);

      // The queues follow: Noah has it, Maya no longer sees it.
      const noahs = await request(app.server).get('/api/v1/me/reviews').set(noah.auth).expect(200);
      expect(noahs.body.items.map((i: { recordingId: string }) => i.recordingId)).toEqual([id]);
      const mayas = await request(app.server).get('/api/v1/me/reviews').set(maya.auth).expect(200);
      expect(mayas.body.total).toBe(0);
      await request(app.server).get(`/api/v1/recordings/${id}`).set(maya.auth).expect(404);

      // Only Noah's deadlines run: the reminder goes to Noah.
      await app.runDelayed(QueueName.Recordings);
      const reminded = await app.db.query<{ user_id: string }>(
        "SELECT user_id FROM notifications WHERE kind = 'review.reminder'",
      );
      expect(reminded).toEqual([{ user_id: noah.id }]);
    });

    it('should refuse the trainee, a non-mentor, a teacher of the cohort and a finished recording', async () => {
      const base = { practicumId, traineeId: ana.id, cohortId };
      const id = await insertRecording(app, { ...base, reviewerId: maya.id });
      const reassign = (reviewerId: string, recordingId = id, who: TestUser = admin) =>
        request(app.server)
          .put(`/api/v1/recordings/${recordingId}/reviewer`)
          .set(who.auth)
          .send({ reviewerId });

      const mentorTrainee = await factories.newUser({ roles: [Role.Mentor, Role.Trainee] });
      await app.db.query('UPDATE users SET roles = $2 WHERE id = $1', [
        ana.id,
        [Role.Trainee, Role.Mentor],
      ]);
      const self = await reassign(ana.id).expect(422);
      expect(self.body.code).toBe('practicum.reviewer_not_eligible');
      const notMentor = await reassign(ben.id).expect(422);
      expect(notMentor.body.code).toBe('practicum.reviewer_not_eligible');
      await factories.teachers(cohortId, [{ userId: mentorTrainee.id, role: 'co_teacher' }]);
      const coTeacher = await reassign(mentorTrainee.id).expect(422);
      expect(coTeacher.body.detail).toContain('teaches the recorded cohort');
      await reassign('00000000-0000-4000-8000-000000000000').expect(404);
      await reassign(noah.id, '00000000-0000-4000-8000-000000000000').expect(404);
      await reassign(noah.id, id, maya).expect(403);
      await request(app.server)
        .put(`/api/v1/recordings/${id}/reviewer`)
        .set(admin.auth)
        .send({})
        .expect(400);

      const reviewed = await insertRecording(app, {
        ...base,
        status: 'reviewed',
        reviewerId: maya.id,
      });
      const finished = await reassign(noah.id, reviewed).expect(409);
      expect(finished.body.code).toBe('practicum.recording_not_awaiting_review');
      const [{ reviewer_id }] = await app.db.query<{ reviewer_id: string }>(
        'SELECT reviewer_id FROM teaching_recordings WHERE id = $1',
        [id],
      );
      expect(reviewer_id).toBe(maya.id);
      expect(await audited('recording.reviewer_reassigned', `recording/${id}`)).toEqual([]);
    });

    it('should let an admin give a reviewer to a recording that found none', async () => {
      const id = await insertRecording(app, {
        practicumId,
        traineeId: ana.id,
        cohortId,
        reviewerId: null,
      });
      const res = await request(app.server)
        .put(`/api/v1/recordings/${id}/reviewer`)
        .set(admin.auth)
        .send({ reviewerId: noah.id })
        .expect(200);
      expect(res.body).toMatchObject({ reviewerId: noah.id, reviewerName: 'Noah Guide' });
      await app.settle();
      const told = await app.db.query<{ user_id: string }>(
        "SELECT user_id FROM notifications WHERE kind IN ('review.assigned', 'review.withdrawn')",
      );
      expect(told).toEqual([{ user_id: noah.id }]);
    });
  });
});
