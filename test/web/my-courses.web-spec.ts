import { jest } from '@jest/globals';
import { openPage, screenshot, seriousViolations, type WebPage } from './browser.js';
import {
  adminToken,
  call,
  dayFromToday,
  newCohort,
  newCourse,
  newTrainee,
  signInAs,
  type Trainee,
} from './trainee-data.js';

jest.setTimeout(90_000);

interface Enrollment {
  cohortId: string;
  completedAt: string | null;
}

describe('My courses (web)', () => {
  let web: WebPage;
  let trainee: Trainee;
  let pastCourse: string;
  let upcomingCourse: string;
  let cancelledCourse: string;

  beforeAll(async () => {
    const admin = await adminToken();
    trainee = await newTrainee();
    // The record of an earlier cohort: eight weekly sessions, all over; six attended, completed.
    const past = await newCourse(admin);
    pastCourse = past.title;
    const earlier = await newCohort(admin, past.id, {
      title: `Autumn record ${Date.now().toString(36)}`,
      startDate: dayFromToday(-70),
    });
    await call(admin, 'POST', `/cohorts/${earlier.id}/enrollments`, { userId: trainee.id });
    for (const session of earlier.sessions.slice(0, 6)) {
      await call(admin, 'PUT', `/cohorts/${earlier.id}/sessions/${session.id}/attendance`, {
        records: [{ userId: trainee.id, status: 'present' }],
      });
    }
    await call(admin, 'POST', `/cohorts/${earlier.id}/complete`, undefined, 202);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const mine = await call<{ items: Enrollment[] }>(trainee.token, 'GET', '/me/enrollments');
      if (mine.items.find((e) => e.cohortId === earlier.id)?.completedAt) break;
      if (Date.now() > deadline) throw new Error('the cohort did not complete');
      await new Promise((r) => setTimeout(r, 250));
    }
    const next = await newCourse(admin, { title: `Upcoming course ${Date.now().toString(36)}` });
    upcomingCourse = next.title;
    const upcoming = await newCohort(admin, next.id, {
      title: 'Winter mornings',
      startDate: dayFromToday(20),
    });
    await call(trainee.token, 'POST', `/cohorts/${upcoming.id}/enrollments`, {});
    // A cohort the admins cancelled after the person enrolled.
    const dropped = await newCourse(admin, {
      title: `Cancelled course ${Date.now().toString(36)}`,
    });
    cancelledCourse = dropped.title;
    const cancelled = await newCohort(admin, dropped.id, {
      title: 'Spring evenings',
      startDate: dayFromToday(30),
    });
    await call(trainee.token, 'POST', `/cohorts/${cancelled.id}/enrollments`, {});
    await call(admin, 'POST', `/cohorts/${cancelled.id}/cancel`, { reason: 'Teacher unwell' }, 200);
  });

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should show attendance and completion, and withdraw from an upcoming cohort after confirming', async () => {
    const { page } = web;
    await signInAs(page, trainee.email, '/my-courses');
    await page.getByRole('heading', { name: 'My courses', level: 1 }).waitFor();

    const done = page.getByRole('region', { name: pastCourse });
    await done.getByText('6 sessions attended, 6 needed').waitFor();
    await done.getByText(/Completed on /).waitFor();
    expect(await done.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);

    const cancelled = page.getByRole('region', { name: cancelledCourse });
    await cancelled.getByText('Status: Cohort cancelled').waitFor();
    await cancelled.getByText('This cohort was cancelled').waitFor();
    expect(await cancelled.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);

    const upcoming = page.getByRole('region', { name: upcomingCourse });
    await upcoming.getByText('Status: Enrolled').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'my-courses');

    await upcoming.getByRole('button', { name: 'Withdraw' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw from' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Keeping the place changes nothing.
    await dialog.getByRole('button', { name: 'Keep my place' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await upcoming.getByText('Status: Enrolled').waitFor();

    await upcoming.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, withdraw' }).click();
    await upcoming.getByText('Status: Withdrawn').waitFor();
    await upcoming.getByRole('status').getByText('You have withdrawn').waitFor();
    expect(await upcoming.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
    const mine = await call<{ items: { status: string; course: { title: string } }[] }>(
      trainee.token,
      'GET',
      '/me/enrollments',
    );
    expect(mine.items.find((e) => e.course.title === upcomingCourse)?.status).toBe('withdrawn');
    expect(web.problems).toEqual([]);
  });

  it('should say what to do when the person has no enrollment', async () => {
    const { page } = web;
    const newcomer = await newTrainee('newcomer');
    await signInAs(page, newcomer.email, '/my-courses');
    await page.getByText('not enrolled in any cohort yet').waitFor();
    await page.getByRole('link', { name: 'Find a cohort' }).click();
    await page.getByRole('heading', { name: 'Cohorts', level: 1 }).waitFor();
    expect(web.problems).toEqual([]);
  });
});
