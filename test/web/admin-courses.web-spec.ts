// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { jest } from '@jest/globals';
import { ADMIN, openPage, seriousViolations, signIn, type WebPage } from './browser.js';
import { adminToken, call } from './trainee-data.js';

jest.setTimeout(120_000);

describe('Admin courses page (web)', () => {
  let web: WebPage;

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should create a course, list it, and show the API refusing a taken code', async () => {
    const { page } = web;
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/courses');
    await page.getByRole('heading', { name: 'Courses', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New course' }).click();
    const code = `TT${Date.now().toString(36)}`.toUpperCase();
    await page.getByLabel('Code').fill(code);
    await page.getByLabel('Title').fill(`Teacher training ${code}`);
    await page.getByLabel('Format').selectOption('teacher_training');
    await page.getByLabel(/^Sessions(?! to)/).fill('10');
    await page.getByLabel('Minutes per session').fill('120');
    await page.getByLabel('Sessions to complete').fill('9');
    await page.getByLabel('CE hours').fill('20');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create course' }).click();
    const row = page.getByRole('row', { name: new RegExp(code) });
    await row.getByText('10 sessions of 120 minutes, 9 to complete').waitFor();
    const listed = await call<{
      items: { code: string; ceHours: number | null; format: string }[];
    }>(await adminToken(), 'GET', '/courses?limit=200');
    expect(listed.items.find((c) => c.code === code)).toMatchObject({
      ceHours: 20,
      format: 'teacher_training',
    });

    // The same code again: the API's refusal is shown on the page.
    await page.getByRole('button', { name: 'New course' }).click();
    await page.getByLabel('Code').fill(code);
    await page.getByLabel('Title').fill('Duplicate');
    await page.getByRole('button', { name: 'Create course' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByRole('row', { name: /Duplicate/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Create course' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });
});
