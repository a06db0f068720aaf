import { DateTime } from 'luxon';
import request from 'supertest';
import { Role } from '@msc/kernel';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

/** A date on the trainee's own calendar, `days` from their today. */
const dayIn = (zone: string, days: number) =>
  DateTime.now().setZone(zone).plus({ days }).toISODate()!;

describe('practice logs (e2e)', () => {
  let app: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(() => app.reset());
  afterAll(() => app.close());

  const log = (user: TestUser, body: object) =>
    request(app.server).post('/api/v1/me/practice-logs').set(user.auth).send(body);

  it('should log a practice for today and list it with its stats', async () => {
    const trainee = await factories.newTrainee();
    const today = dayIn('UTC', 0);
    const created = await log(trainee, {
      date: today,
      minutes: 25,
      practice: 'loving_kindness',
      note: ' after breakfast ',
    }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      date: today,
      minutes: 25,
      practice: 'loving_kindness',
      note: 'after breakfast',
      createdAt: expect.any(String),
    });
    const [row] = await app.db.query<{ user_id: string; practiced_on: string }>(
      `SELECT user_id, to_char(practiced_on, 'YYYY-MM-DD') AS practiced_on FROM practice_logs`,
    );
    expect(row).toEqual({ user_id: trainee.id, practiced_on: today });

    const listed = await request(app.server)
      .get('/api/v1/me/practice-logs')
      .set(trainee.auth)
      .expect(200);
    expect(listed.body.items).toEqual([created.body]);
    expect(listed.body.stats).toEqual({ daysLast60: 1, currentStreak: 1 });
  });

  it('should count distinct days in the last 60 and the streak ending today', async () => {
    const trainee = await factories.newTrainee();
    const days = [0, 0, -1, -2, -5, -59, -60, -70];
    for (const offset of days) {
      await log(trainee, { date: dayIn('UTC', offset), minutes: 10, practice: 'sitting' }).expect(
        201,
      );
    }
    const res = await request(app.server)
      .get('/api/v1/me/practice-logs')
      .set(trainee.auth)
      .expect(200);
    // Today (twice), -1, -2, -5 and -59 are within the 60 days; -60 and -70 are not.
    expect(res.body.stats).toEqual({ daysLast60: 5, currentStreak: 3 });
    expect(res.body.items).toHaveLength(days.length);
    expect(res.body.total).toBe(days.length);
  });

  it('should keep yesterday’s streak while nothing is logged today yet', async () => {
    const trainee = await factories.newTrainee();
    for (const offset of [-1, -2, -3, -4, -6]) {
      await log(trainee, { date: dayIn('UTC', offset), minutes: 10, practice: 'informal' }).expect(
        201,
      );
    }
    const res = await request(app.server)
      .get('/api/v1/me/practice-logs')
      .set(trainee.auth)
      .expect(200);
    expect(res.body.stats).toEqual({ daysLast60: 5, currentStreak: 4 });
  });

  it('should filter the items by from and to, keeping the stats whole', async () => {
    const trainee = await factories.newTrainee();
    for (const offset of [0, -3, -10]) {
      await log(trainee, { date: dayIn('UTC', offset), minutes: 5, practice: 'sitting' }).expect(
        201,
      );
    }
    const res = await request(app.server)
      .get('/api/v1/me/practice-logs')
      .query({ from: dayIn('UTC', -5), to: dayIn('UTC', -1) })
      .set(trainee.auth)
      .expect(200);
    expect(res.body.items.map((i: { date: string }) => i.date)).toEqual([dayIn('UTC', -3)]);
    expect(res.body.stats.daysLast60).toBe(3);
    await request(app.server)
      .get('/api/v1/me/practice-logs')
      .query({ from: dayIn('UTC', -1), to: dayIn('UTC', -5) })
      .set(trainee.auth)
      .expect(400);
  });

  it('should judge "today" on the trainee’s own calendar', async () => {
    // Kiritimati is UTC+14 and Pago Pago UTC-11: their todays differ by a day most of the time.
    const east = await factories.newUser({ timeZone: 'Pacific/Kiritimati' });
    const west = await factories.newUser({ timeZone: 'Pacific/Pago_Pago' });
    await log(east, {
      date: dayIn('Pacific/Kiritimati', 0),
      minutes: 10,
      practice: 'sitting',
    }).expect(201);
    await log(west, {
      date: dayIn('Pacific/Pago_Pago', 1),
      minutes: 10,
      practice: 'sitting',
    }).expect(400);
    const stats = await request(app.server)
      .get('/api/v1/me/practice-logs')
      .set(east.auth)
      .expect(200);
    expect(stats.body.stats).toEqual({ daysLast60: 1, currentStreak: 1 });
  });

  it('should refuse a date in the future with a clear message', async () => {
    const trainee = await factories.newTrainee();
    const res = await log(trainee, {
      date: dayIn('UTC', 1),
      minutes: 10,
      practice: 'sitting',
    }).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toContain('in the future');
    expect(res.body.errors).toEqual([{ field: 'date', message: expect.any(String) }]);
  });

  it('should refuse a date more than a year back, and accept one exactly a year back', async () => {
    const trainee = await factories.newTrainee();
    const yearAgo = DateTime.now().setZone('UTC').minus({ years: 1 });
    const res = await log(trainee, {
      date: yearAgo.minus({ days: 1 }).toISODate(),
      minutes: 10,
      practice: 'sitting',
    }).expect(400);
    expect(res.body.detail).toContain('more than a year ago');
    await log(trainee, { date: yearAgo.toISODate(), minutes: 10, practice: 'sitting' }).expect(201);
  });

  it('should refuse bad input and unknown fields with 400 problem+json', async () => {
    const trainee = await factories.newTrainee();
    const today = dayIn('UTC', 0);
    const bad = [
      { date: today, minutes: 0, practice: 'sitting' },
      { date: today, minutes: 1441, practice: 'sitting' },
      { date: today, minutes: 10.5, practice: 'sitting' },
      { date: today, minutes: 10, practice: 'yoga' },
      { date: '2027-02-30', minutes: 10, practice: 'sitting' },
      { date: '15/03/2027', minutes: 10, practice: 'sitting' },
      { date: today, minutes: 10, practice: 'sitting', userId: trainee.id },
      { minutes: 10, practice: 'sitting' },
    ];
    for (const body of bad) {
      const res = await log(trainee, body).expect(400);
      expect(res.body.errors?.length).toBeGreaterThan(0);
    }
    const [count] = await app.db.query<{ n: string }>('SELECT count(*) AS n FROM practice_logs');
    expect(count!.n).toBe('0');
  });

  it('should keep practice logs to trainees and to their own', async () => {
    const mentor = await factories.newUser({ roles: [Role.Mentor] });
    const today = dayIn('UTC', 0);
    await log(mentor, { date: today, minutes: 10, practice: 'sitting' }).expect(403);
    await request(app.server).get('/api/v1/me/practice-logs').set(mentor.auth).expect(403);
    await request(app.server).get('/api/v1/me/practice-logs').expect(401);

    const ana = await factories.newTrainee();
    const bo = await factories.newTrainee();
    await log(ana, { date: today, minutes: 10, practice: 'sitting' }).expect(201);
    const res = await request(app.server).get('/api/v1/me/practice-logs').set(bo.auth).expect(200);
    expect(res.body).toMatchObject({ items: [], stats: { daysLast60: 0, currentStreak: 0 } });
  });
});
