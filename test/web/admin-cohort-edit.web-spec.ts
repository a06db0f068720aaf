// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { jest } from '@jest/globals';
import {
  ADMIN,
  openPage,
  seriousViolations,
  signIn,
  uniqueEmail,
  type WebPage,
} from './browser.js';
import {
  adminToken,
  call,
  dayFromToday,
  newCohort,
  newCourse,
  PASSWORD,
  type CohortAnswer,
} from './trainee-data.js';

jest.setTimeout(120_000);

interface CohortNow extends CohortAnswer {
  title: string;
  capacity: number;
  enrolledCount: number;
  waitlistCount: number;
  localTime: string;
  timeZone: string;
  startDate: string;
  ceEligible: boolean;
  cancellationReason: string | null;
}

async function newPerson(admin: string, name: string): Promise<{ id: string; name: string }> {
  const user = await call<{ id: string }>(admin, 'POST', '/users', {
    email: uniqueEmail(name.split(' ')[0]!.toLowerCase()),
    displayName: name,
    password: PASSWORD,
    roles: ['trainee'],
  });
  return { id: user.id, name };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

describe('Admin edits and cancels a cohort (web)', () => {
  let web: WebPage;
  let admin: string;
  let cohort: CohortAnswer;
  let ana: { id: string; name: string };
  let ben: { id: string; name: string };

  beforeAll(async () => {
    admin = await adminToken();
    const stamp = Date.now().toString(36);
    const course = await newCourse(admin, { ceHours: 12 });
    cohort = await newCohort(admin, course.id, {
      title: `Monday circle ${stamp}`,
      startDate: dayFromToday(14),
      capacity: 1,
      ceEligible: true,
    });
    ana = await newPerson(admin, `Ana ${stamp}`);
    ben = await newPerson(admin, `Ben ${stamp}`);
    for (const person of [ana, ben])
      await call(admin, 'POST', `/cohorts/${cohort.id}/enrollments`, { userId: person.id });
  });

  beforeEach(async () => {
    web = await openPage({ width: 360, height: 800 });
  });

  afterEach(() => web.close());

  it('should edit the cohort (re-planning its sessions), refuse too small a capacity, then cancel it with a reason', async () => {
    const { page, problems } = web;
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(`/admin/cohorts/${cohort.id}`);
    await page.getByRole('heading', { name: cohort.title, level: 1 }).waitFor();

    const edit = page.getByRole('region', { name: 'Edit cohort' });
    await edit.getByRole('button', { name: 'Edit cohort' }).click();
    const newStart = dayFromToday(21);
    await edit.getByLabel('Title').fill(`${cohort.title} (moved)`);
    await edit.getByLabel('Capacity').fill('2');
    await edit.getByLabel('CE eligible').uncheck();
    await edit.getByLabel('Start date').fill(newStart);
    await edit.getByLabel('Local time').fill('09:15');
    await edit.getByLabel('Time zone').selectOption('America/New_York');
    expect(await seriousViolations(page)).toEqual([]);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.getByRole('status').getByText('The cohort is saved').waitFor();

    await page.getByRole('heading', { name: `${cohort.title} (moved)`, level: 1 }).waitFor();
    const sessions = page.getByRole('region', { name: /Sessions/ });
    await sessions
      .getByText(/America\/New_York/)
      .first()
      .waitFor();
    await sessions.getByText(/Session 1: .*9:15\s?AM/).waitFor();
    // The new seat goes to Ben, first on the waitlist, in the background: the roster shows it.
    const roster = page.getByRole('region', { name: /Roster/ });
    await roster
      .getByRole('row', { name: new RegExp(ben.name) })
      .getByText('Enrolled', { exact: true })
      .waitFor();
    const saved = await until(
      () => call<CohortNow>(admin, 'GET', `/cohorts/${cohort.id}`),
      (c) => c.enrolledCount === 2,
    );
    expect(saved).toMatchObject({
      capacity: 2,
      enrolledCount: 2,
      waitlistCount: 0,
      ceEligible: false,
      startDate: newStart,
      localTime: '09:15',
      timeZone: 'America/New_York',
    });

    // Two are enrolled now: one seat is too few, and the API says so beside the form.
    await edit.getByRole('button', { name: 'Edit cohort' }).click();
    await edit.getByLabel('Capacity').fill('1');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.getByText(/cannot be below the 2 people already enrolled/).waitFor();
    await edit.getByRole('button', { name: 'Discard changes' }).click();

    await page.getByRole('button', { name: 'Cancel cohort' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/2 enrolled and 0 waitlisted participants are told/).waitFor();
    await dialog.getByText(/nobody completes the course/).waitFor();
    await dialog.getByRole('button', { name: 'Yes, cancel it' }).click();
    await dialog.getByText('Say why the cohort is cancelled.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel('Reason').fill('The teacher is ill');
    await dialog.getByRole('button', { name: 'Yes, cancel it' }).click();

    const notice = page.getByRole('status').filter({ hasText: 'This cohort is cancelled' });
    await notice.getByText('Reason: The teacher is ill').waitFor();
    expect(await page.getByRole('button', { name: 'Complete cohort' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Edit cohort' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Cancel cohort' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Withdraw/ }).count()).toBe(0);
    const cancelled = await call<CohortNow>(admin, 'GET', `/cohorts/${cohort.id}`);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'The teacher is ill',
    });
    expect(await seriousViolations(page)).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);

    await page.goto('/admin/cohorts');
    await page.getByLabel('Status').selectOption({ label: 'Cancelled' });
    await page.getByRole('link', { name: `${cohort.title} (moved)` }).waitFor();
    expect(problems).toEqual([]);
  });
});
