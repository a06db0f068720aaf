import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { NotificationsService } from '@msc/domain/notifications';
import { RequirementKind } from '@msc/domain/pathway';
import { createTestApp, expectProblem, Factories, type TestApp, type TestUser } from '@msc/testing';

interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

describe('notifications (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  const inbox = (user: TestUser, query = '') =>
    request(app.server).get(`/api/v1/me/notifications${query}`).set(user.auth);

  async function deliverMany(user: TestUser, count: number): Promise<void> {
    const sut = app.get(NotificationsService);
    for (let i = 1; i <= count; i += 1) {
      await sut.deliver({
        userId: user.id,
        dedupeKey: `test-${user.id}-${i}`,
        kind: 'test',
        title: `Message ${i}`,
        body: `Body ${i}`,
      });
    }
  }

  describe('the inbox', () => {
    it('should page newest first with the total and the unread count on every page', async () => {
      const user = await factories.newTrainee();
      await deliverMany(user, 5);
      const first = await inbox(user, '?limit=2').expect(200);
      expect(first.body).toEqual({
        items: [
          expect.objectContaining({ title: 'Message 5', readAt: null }),
          expect.objectContaining({ title: 'Message 4', readAt: null }),
        ],
        total: 5,
        unread: 5,
      });
      const last = await inbox(user, '?limit=2&offset=4').expect(200);
      expect(last.body.items.map((n: InboxItem) => n.title)).toEqual(['Message 1']);
      const past = await inbox(user, '?limit=2&offset=10').expect(200);
      expect(past.body).toEqual({ items: [], total: 5, unread: 5 });
      expectProblem(await inbox(user, '?limit=0'), 400);
      expectProblem(await inbox(user, '?limit=201'), 400);
    });

    it("should show only the user's own notifications", async () => {
      const [ana, bo] = [await factories.newTrainee(), await factories.newTrainee()];
      await deliverMany(ana, 2);
      expect((await inbox(bo).expect(200)).body).toEqual({ items: [], total: 0, unread: 0 });
      expect((await inbox(ana).expect(200)).body.total).toBe(2);
    });

    it('should mark one read, count it out of unread, and filter unread ones', async () => {
      const user = await factories.newTrainee();
      await deliverMany(user, 3);
      const items = (await inbox(user).expect(200)).body.items as InboxItem[];
      await request(app.server)
        .post(`/api/v1/me/notifications/${items[1]!.id}/read`)
        .set(user.auth)
        .expect(204);
      const after = await inbox(user).expect(200);
      expect(after.body.unread).toBe(2);
      expect(after.body.items[1].readAt).toEqual(expect.any(String));
      const unread = await inbox(user, '?unread=true').expect(200);
      expect(unread.body.items.map((n: InboxItem) => n.title)).toEqual(['Message 3', 'Message 1']);
      expect(unread.body).toMatchObject({ total: 2, unread: 2 });
    });

    it("should answer 404 for someone else's notification or an unknown one", async () => {
      const [ana, bo] = [await factories.newTrainee(), await factories.newTrainee()];
      await deliverMany(ana, 1);
      const [item] = (await inbox(ana).expect(200)).body.items as InboxItem[];
      expectProblem(
        await request(app.server).post(`/api/v1/me/notifications/${item!.id}/read`).set(bo.auth),
        404,
      );
      expectProblem(
        await request(app.server)
          .post(`/api/v1/me/notifications/${randomUUID()}/read`)
          .set(ana.auth),
        404,
      );
      expect((await inbox(ana).expect(200)).body.unread).toBe(1);
    });

    it("should mark all of the user's notifications read and nobody else's", async () => {
      const [ana, bo] = [await factories.newTrainee(), await factories.newTrainee()];
      await deliverMany(ana, 3);
      await deliverMany(bo, 2);
      const [newest] = (await inbox(ana).expect(200)).body.items as InboxItem[];
      await request(app.server)
        .post(`/api/v1/me/notifications/${newest!.id}/read`)
        .set(ana.auth)
        .expect(204);
      const readBefore = (await inbox(ana).expect(200)).body.items[0].readAt as string;

      const res = await request(app.server)
        .post('/api/v1/me/notifications/read-all')
        .set(ana.auth)
        .expect(204);
      expect(res.text).toBe('');

      const after = await inbox(ana).expect(200);
      expect(after.body.unread).toBe(0);
      expect(after.body.items.every((n: InboxItem) => n.readAt !== null)).toBe(true);
      // The one read earlier keeps the time it was read.
      expect(after.body.items[0].readAt).toBe(readBefore);
      expect((await inbox(ana, '?unread=true').expect(200)).body).toEqual({
        items: [],
        total: 0,
        unread: 0,
      });
      expect((await inbox(bo).expect(200)).body.unread).toBe(2);
      // Again, with nothing left unread: still 204.
      await request(app.server).post('/api/v1/me/notifications/read-all').set(ana.auth).expect(204);
    });

    it('should refuse the inbox to anyone not signed in', async () => {
      expectProblem(await request(app.server).get('/api/v1/me/notifications'), 401);
      expectProblem(await request(app.server).post('/api/v1/me/notifications/read-all'), 401);
    });
  });

  describe('admins', () => {
    let restore: () => void;
    let admins: TestUser[];

    beforeEach(async () => {
      admins = [await factories.newAdmin(), await factories.newAdmin()];
      restore = factories.meetRequirementsExcept(RequirementKind.AdminApproval);
    });
    afterEach(() => restore());

    async function adminNotes(kind: string) {
      return app.db.query<{ user_id: string; dedupe_key: string; title: string }>(
        'SELECT user_id, dedupe_key, title FROM notifications WHERE kind = $1 ORDER BY user_id',
        [kind],
      );
    }

    it('should tell every admin once when a trainee applies for teacher training', async () => {
      const trainee = await factories.newTrainee();
      const mentor = await factories.newMentor();
      const res = await request(app.server)
        .post('/api/v1/applications')
        .set(trainee.auth)
        .send({ kind: 'teacher_training', statement: 'I am ready to teach.' })
        .expect(201);
      await app.settle();

      const notes = await adminNotes('application_submitted');
      expect(notes).toEqual(
        admins
          .map((a) => a.id)
          .sort()
          .map((id) => ({
            user_id: id,
            dedupe_key: `application-submitted-${res.body.id}-${id}`,
            title: 'A teacher training application awaits your decision',
          })),
      );
      for (const someone of [trainee, mentor]) {
        expect((await inbox(someone).expect(200)).body.total).toBe(0);
      }
      const [admin] = admins;
      const adminInbox = await inbox(admin!).expect(200);
      expect(adminInbox.body).toMatchObject({ total: 1, unread: 1 });
      expect(adminInbox.body.items[0].body).toContain(res.body.id);
    });

    it('should tell no admin when the application is refused', async () => {
      restore();
      restore = () => undefined;
      const trainee = await factories.newTrainee();
      await request(app.server)
        .post('/api/v1/applications')
        .set(trainee.auth)
        .send({ kind: 'teacher_training', statement: 'I am ready to teach.' })
        .expect(422);
      await app.settle();
      expect(await adminNotes('application_submitted')).toEqual([]);
    });

    it('should tell every admin once when a trainee asks for certification', async () => {
      const trainee = await factories.newTrainee();
      const res = await request(app.server)
        .post('/api/v1/certifications')
        .set(trainee.auth)
        .send({ designation: 'trained_teacher' })
        .expect(201);
      // Asked again while pending: refused, and nobody hears of it twice.
      await request(app.server)
        .post('/api/v1/certifications')
        .set(trainee.auth)
        .send({ designation: 'trained_teacher' })
        .expect(409);
      await app.settle();

      const notes = await adminNotes('certification_requested');
      expect(notes.map((n) => [n.user_id, n.dedupe_key])).toEqual(
        admins
          .map((a) => a.id)
          .sort()
          .map((id) => [id, `certification-requested-${res.body.id}-${id}`]),
      );
      expect(notes[0]!.title).toBe(
        'A Trained MSC Teacher certification request awaits your decision',
      );
      expect((await inbox(trainee).expect(200)).body.total).toBe(0);
    });
  });
});
