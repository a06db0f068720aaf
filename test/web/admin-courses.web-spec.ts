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

  it('should edit a course, keep the fixed fields of one with cohorts, retire and reinstate it', async () => {
    const { page } = web;
    const token = await adminToken();
    const code = `ED${Date.now().toString(36)}`.toUpperCase();
    const course = await call<{ id: string }>(token, 'POST', '/courses', {
      code,
      title: `Editable ${code}`,
      format: 'msc_8_week',
      sessionCount: 8,
      sessionMinutes: 150,
      completionMinSessions: 6,
    });
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto('/admin/courses');
    await page.getByRole('heading', { name: 'Courses', level: 1 }).waitFor();

    // No cohort yet: every field changes.
    const row = () => page.getByRole('row', { name: new RegExp(code) });
    await row().getByRole('button', { name: 'Edit course' }).click();
    const form = page.getByRole('region', { name: `Edit course ${code}` });
    await form.getByLabel(/^Sessions(?! to)/).waitFor();
    // The plan's fields wait, disabled, until the course's cohorts have been read.
    await form.getByText('Checking the course’s cohorts…').first().waitFor({ state: 'detached' });
    expect(await form.getByLabel('Format').isEnabled()).toBe(true);
    await form.getByLabel('Title').fill(`Edited ${code}`);
    await form.getByLabel(/^Sessions(?! to)/).fill('6');
    await form.getByLabel('Minutes per session').fill('120');
    await form.getByLabel('Sessions to complete').fill('7');
    await form.getByLabel('CE hours').fill('12');
    await form.getByRole('button', { name: 'Save changes' }).click();
    // More sessions to complete than sessions: said beside the field, nothing sent.
    await form.getByText('At most the number of sessions.').waitFor();
    await form.getByLabel('Sessions to complete').fill('5');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText(`Changes to ${code} saved.`).waitFor();
    await row().getByText('6 sessions of 120 minutes, 5 to complete').waitFor();
    expect(
      await call<Record<string, unknown>>(token, 'GET', `/courses/${course.id}`),
    ).toMatchObject({
      title: `Edited ${code}`,
      sessionCount: 6,
      sessionMinutes: 120,
      completionMinSessions: 5,
      ceHours: 12,
    });

    // With a cohort: format and sessions fixed, saying why; the title still changes.
    await call(token, 'POST', '/cohorts', {
      courseId: course.id,
      title: 'Evenings',
      startDate: '2031-03-04',
      localTime: '18:00',
      timeZone: 'Europe/Lisbon',
      capacity: 10,
      ceEligible: false,
    });
    await page.reload();
    await row().getByRole('button', { name: 'Edit course' }).click();
    await form.getByText('Fixed: the course has cohorts.').first().waitFor();
    expect(await form.getByLabel('Format').isDisabled()).toBe(true);
    expect(await form.getByLabel(/^Sessions(?! to)/).isDisabled()).toBe(true);
    await form.getByLabel('Title').fill(`Again ${code}`);
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await row().getByText(`Again ${code}`).waitFor();

    // Retire with a reason: it leaves the list and shows under "Show retired".
    await row().getByRole('button', { name: 'Retire course' }).click();
    const dialog = page.getByRole('dialog', { name: `Retire ${code}?` });
    await dialog.getByLabel('Reason').fill('Replaced by the new edition');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Retire course' }).click();
    await page.getByRole('status').getByText(`${code} is retired.`).waitFor();
    await row().waitFor({ state: 'detached' });
    const refused = await call<{ detail: string }>(
      token,
      'POST',
      '/cohorts',
      {
        courseId: course.id,
        title: 'Refused',
        startDate: '2031-05-04',
        localTime: '18:00',
        timeZone: 'Europe/Lisbon',
        capacity: 10,
        ceEligible: false,
      },
      409,
    );
    expect(refused.detail).toMatch(/course retired/);

    await page.getByRole('switch', { name: 'Show retired' }).check();
    const retired = page
      .getByRole('table', { name: 'Retired courses' })
      .getByRole('row', { name: new RegExp(code) });
    await retired.getByText('Replaced by the new edition').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await retired.getByRole('button', { name: 'Reinstate course' }).click();
    await page.getByRole('status').getByText(`${code} is reinstated`).waitFor();
    await row().getByRole('button', { name: 'Retire course' }).waitFor();
    expect(
      (await call<{ retiredAt: string | null }>(token, 'GET', `/courses/${course.id}`)).retiredAt,
    ).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });
});
