// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { jest } from '@jest/globals';
import { ADMIN, openPage, seriousViolations, signIn, type WebPage } from './browser.js';
import { adminToken, call, dayFromToday, newCourse } from './trainee-data.js';

jest.setTimeout(120_000);

describe('Admin cohorts page (web)', () => {
  let web: WebPage;
  let course: { id: string; title: string };

  beforeAll(async () => {
    course = await newCourse(await adminToken());
  });

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should create a cohort from typed date and time, show a refused field beside it, list and filter', async () => {
    const { page } = web;
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/cohorts');
    await page.getByRole('heading', { name: 'Cohorts', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New cohort' }).click();

    const title = `Autumn mornings ${Date.now().toString(36)}`;
    const start = dayFromToday(30);
    await page.getByLabel('Course').selectOption(course.id);
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Start date').fill('15/03/2027');
    await page.getByLabel('Local time').fill('08:30');
    await page.getByLabel('Time zone').selectOption('America/New_York');
    await page.getByLabel('Capacity').fill('12');
    await page.getByRole('button', { name: 'Create cohort' }).click();
    await page.getByText('A date as YYYY-MM-DD', { exact: false }).first().waitFor();
    expect(await page.getByLabel('Start date').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Start date').fill(start);
    await page.getByRole('checkbox', { name: 'CE eligible' }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create cohort' }).click();
    await page.getByRole('status').getByText('The cohort is created').waitFor();

    const link = page.getByRole('link', { name: title });
    await link.waitFor();
    const row = page.getByRole('row', { name: new RegExp(title) });
    await row.getByText('(America/New_York)', { exact: false }).waitFor();
    const listed = await call<{
      items: { title: string; ceEligible: boolean; localTime: string }[];
    }>(await adminToken(), 'GET', `/cohorts?courseId=${course.id}`);
    expect(listed.items.find((c) => c.title === title)).toMatchObject({
      ceEligible: true,
      localTime: '08:30',
    });

    await page.getByLabel('Status').selectOption('completed');
    await link.waitFor({ state: 'detached' });
    await page.getByLabel('Status').selectOption('');
    await link.click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });

  it('should work at 360 px wide', async () => {
    await web.close();
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/cohorts');
    await page.getByRole('button', { name: 'New cohort' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Create cohort' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(web.problems).toEqual([]);
  });
});
