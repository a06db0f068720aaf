// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { jest } from '@jest/globals';
import {
  ADMIN,
  openPage,
  screenshot,
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
  tokenOf,
  type CohortAnswer,
} from './trainee-data.js';

jest.setTimeout(120_000);

interface Person {
  id: string;
  name: string;
}

async function newPerson(admin: string, name: string, roles: string[]): Promise<Person> {
  const email = uniqueEmail(name.split(' ')[0]!.toLowerCase());
  const user = await call<{ id: string }>(admin, 'POST', '/users', {
    email,
    displayName: name,
    password: PASSWORD,
    roles,
  });
  await tokenOf(email);
  return { id: user.id, name };
}

describe('Admin cohort page (web)', () => {
  let web: WebPage;
  let admin: string;
  let cohort: CohortAnswer;
  let ana: Person;
  let ben: Person;
  let cai: Person;
  let mentor: Person;

  beforeAll(async () => {
    admin = await adminToken();
    const stamp = Date.now().toString(36);
    const course = await newCourse(admin, { ceHours: 12 });
    // Started three weeks ago: attendance can be taken and the cohort completed.
    cohort = await newCohort(admin, course.id, {
      title: `Thursday circle ${stamp}`,
      startDate: dayFromToday(-21),
      capacity: 2,
      ceEligible: true,
    });
    ana = await newPerson(admin, `Ana ${stamp}`, ['trainee']);
    ben = await newPerson(admin, `Ben ${stamp}`, ['trainee']);
    cai = await newPerson(admin, `Cai ${stamp}`, ['trainee']);
    mentor = await newPerson(admin, `Mira ${stamp}`, ['mentor']);
    for (const person of [ana, ben, cai])
      await call(admin, 'POST', `/cohorts/${cohort.id}/enrollments`, { userId: person.id });
  });

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should show sessions in the cohort zone, the roster, take attendance, assign a teacher, withdraw, complete and reopen', async () => {
    const { page } = web;
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(`/admin/cohorts/${cohort.id}`);
    await page.getByRole('heading', { name: cohort.title, level: 1 }).waitFor();

    const sessions = page.getByRole('region', { name: /Sessions/ });
    await sessions
      .getByText(/Europe\/Lisbon/)
      .first()
      .waitFor();
    await sessions.getByText(/Session 1: .*7:00\s?PM .*\(Europe\/Lisbon\)/).waitFor();

    const roster = page.getByRole('region', { name: /Roster/ });
    await roster
      .getByRole('row', { name: new RegExp(ana.name) })
      .getByText('Enrolled')
      .waitFor();
    await roster
      .getByRole('row', { name: new RegExp(cai.name) })
      .getByText('Waitlisted, position 1')
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-cohort');

    const sheet = page.getByRole('region', { name: 'Attendance sheet' });
    const first = cohort.sessions.find((s) => s.number === 1)!;
    await sheet.getByLabel('Session').selectOption(first.id);
    await sheet.getByLabel(ana.name).selectOption({ label: 'Present' });
    await sheet.getByLabel(ben.name).selectOption({ label: 'Absent' });
    // Only enrolled people are on the sheet, not the waitlist.
    expect(await sheet.getByLabel(cai.name).count()).toBe(0);
    await sheet.getByRole('button', { name: 'Save attendance' }).click();
    await sheet.getByRole('status').getByText('Attendance saved for 2 people').waitFor();
    const saved = await call<{ records: { userId: string; status: string }[] }>(
      admin,
      'GET',
      `/cohorts/${cohort.id}/sessions/${first.id}/attendance`,
    );
    expect(Object.fromEntries(saved.records.map((r) => [r.userId, r.status]))).toEqual({
      [ana.id]: 'present',
      [ben.id]: 'absent',
    });

    const teachers = page.getByRole('region', { name: 'Teachers' });
    await teachers.getByLabel('Find a person').fill(mentor.name.split(' ')[1]!);
    await teachers
      .getByRole('combobox', { name: 'Person' })
      .locator('option', { hasText: mentor.name })
      .waitFor({ state: 'attached' });
    await teachers.getByRole('combobox', { name: 'Person' }).selectOption(mentor.id);
    await teachers.getByLabel('Teaching role').selectOption('lead');
    await teachers.getByRole('button', { name: 'Assign teacher' }).click();
    await teachers
      .getByText(`${mentor.name} (Lead teacher)`)
      .waitFor()
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}\n${await teachers.innerText()}`);
      });

    await roster.getByRole('button', { name: `Withdraw ${ben.name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, withdraw' }).click();
    await roster
      .getByRole('row', { name: new RegExp(ben.name) })
      .getByText('Withdrawn')
      .waitFor();

    // Ana attended once of six: completing computes it and she is not completed.
    await page.getByRole('button', { name: 'Complete cohort' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/CE certificate/).waitFor();
    await dialog.getByText(/attended enough sessions/).waitFor();
    await dialog.getByRole('button', { name: 'Yes, complete it' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    expect((await call<{ status: string }>(admin, 'GET', `/cohorts/${cohort.id}`)).status).toBe(
      'completed',
    );
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Reopen' }).click();
    await page.getByRole('button', { name: 'Complete cohort' }).waitFor();
    expect((await call<{ status: string }>(admin, 'GET', `/cohorts/${cohort.id}`)).status).toBe(
      'open',
    );
    expect(web.problems).toEqual([]);
  });

  it('should take attendance with the keyboard alone at 360 px wide', async () => {
    await web.close();
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(`/admin/cohorts/${cohort.id}`);
    const sheet = page.getByRole('region', { name: 'Attendance sheet' });
    const select = sheet.getByLabel(ana.name);
    await select.waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await sheet.getByLabel('Session').focus();
    await page.keyboard.press('Tab');
    expect(await select.evaluate((el) => el === document.activeElement)).toBe(true);
    // Type-ahead on the focused select picks the option beginning with the letter.
    await page.keyboard.press('e');
    expect(await select.inputValue()).toBe('excused');
    await sheet.getByRole('button', { name: 'Save attendance' }).focus();
    await page.keyboard.press('Enter');
    await sheet.getByRole('status').waitFor();
    expect(web.problems).toEqual([]);
  });
});
