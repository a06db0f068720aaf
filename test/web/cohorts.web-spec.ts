// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { jest } from '@jest/globals';
import { baseUrl, openPage, screenshot, seriousViolations, type WebPage } from './browser.js';
import {
  adminToken,
  call,
  dayFromToday,
  newCohort,
  newCourse,
  newTrainee,
  signInAs,
  type CohortAnswer,
} from './trainee-data.js';

jest.setTimeout(90_000);

describe('Cohorts (web)', () => {
  let web: WebPage;
  let roomy: CohortAnswer;
  let full: CohortAnswer;
  let courseTitle: string;
  let later: CohortAnswer;

  beforeAll(async () => {
    const admin = await adminToken();
    const course = await newCourse(admin);
    courseTitle = course.title;
    const stamp = Date.now().toString(36);
    roomy = await newCohort(admin, course.id, {
      title: `Spring evenings ${stamp}`,
      startDate: dayFromToday(10),
      capacity: 5,
    });
    full = await newCohort(admin, course.id, {
      title: `Tiny circle ${stamp}`,
      startDate: dayFromToday(12),
      capacity: 1,
    });
    const training = await newCourse(admin, {
      format: 'teacher_training',
      sessionCount: 4,
      completionMinSessions: 4,
    });
    later = await newCohort(admin, training.id, {
      title: `Teacher training ${stamp}`,
      startDate: dayFromToday(30),
    });
    const other = await newTrainee('first-in');
    await call(other.token, 'POST', `/cohorts/${full.id}/enrollments`, {});
  });

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should enroll, join a waitlist with its position, and link the personal calendar feed', async () => {
    const { page } = web;
    const trainee = await newTrainee();
    await signInAs(page, trainee.email, '/cohorts');
    await page.getByRole('heading', { name: 'Cohorts', level: 1 }).waitFor();

    const card = page.getByRole('region', { name: roomy.title });
    await card.getByText(courseTitle).waitFor();
    // Session times in the person's zone, the zone named (19:00 in Lisbon).
    await card.getByText(/Session 1: .*7:00\s?PM .*\(Europe\/Lisbon\)/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cohorts');

    await card.getByRole('button', { name: 'Enroll' }).click();
    await card.getByText('Enrolled', { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: 'Enroll' }).count()).toBe(0);

    const small = page.getByRole('region', { name: full.title });
    await small.getByRole('button', { name: 'Enroll' }).click();
    await small.getByText('Waitlisted, position 1').first().waitFor();

    const calendar = card.getByRole('link', { name: 'Add to calendar' });
    const href = (await calendar.getAttribute('href')) ?? '';
    expect(href).toMatch(/^webcal:\/\/.+\/calendar-feeds\/.+\.ics$/);
    // The feed opens without a token and holds the session of the cohort just joined.
    const feed = await fetch(href.replace(/^webcal:\/\//, `${new URL(baseUrl).protocol}//`));
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await feed.text()).toContain(roomy.title);

    // A later stage's cohort: the API's unmet prerequisites appear in that cohort's card.
    const training = page.getByRole('region', { name: later.title });
    await training.getByRole('button', { name: 'Enroll' }).click();
    const unmet = training.getByRole('alert').getByRole('listitem');
    await unmet.first().waitFor();
    await unmet
      .first()
      .getByText(/^\d+ \/ \d+$/)
      .waitFor();
    expect(await training.getByText('Enrolled', { exact: true }).count()).toBe(0);

    // A reload keeps what the API knows.
    await page.reload();
    await page
      .getByRole('region', { name: roomy.title })
      .getByText('Enrolled', { exact: true })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });

  it('should enroll with the keyboard alone at 360 px wide', async () => {
    await web.close();
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    const trainee = await newTrainee();
    await signInAs(page, trainee.email, '/cohorts');
    const card = page.getByRole('region', { name: roomy.title });
    const enroll = card.getByRole('button', { name: 'Enroll' });
    await enroll.waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await enroll.focus();
    await page.keyboard.press('Enter');
    await card.getByText('Enrolled', { exact: true }).waitFor();
    expect(web.problems).toEqual([]);
  });
});
