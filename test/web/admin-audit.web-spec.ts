import { jest } from '@jest/globals';
import {
  ADMIN,
  disconnectBrowser,
  openPage,
  screenshot,
  seriousViolations,
  signIn,
  type WebPage,
} from './browser.js';
import { adminToken, call, newTrainee } from './trainee-data.js';

jest.setTimeout(120_000);

describe('Admin audit log (web)', () => {
  let web: WebPage;

  afterAll(() => disconnectBrowser());
  beforeEach(async () => {
    web = await openPage();
  });
  afterEach(() => web.close());

  it('should show the audit events newest first, filter them and show the job queues', async () => {
    const { page } = web;
    const person = await newTrainee('audited');
    const admin = await adminToken();
    await call(admin, 'POST', `/users/${person.id}/deactivate`, undefined, 200);
    await call(admin, 'POST', `/users/${person.id}/reactivate`, undefined, 200);

    await page.setViewportSize({ width: 360, height: 900 });
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/audit');
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Subject' }).fill(`user/${person.id}`);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const events = page.getByRole('region', { name: 'Events' }).getByRole('listitem');
    await events.filter({ hasText: 'user.reactivated' }).waitFor();
    // Newest first: the reactivation, then the deactivation, then the registration.
    const actions = await events.evaluateAll((items) =>
      items.map((item) => item.querySelector('p')?.textContent ?? ''),
    );
    expect(actions).toEqual(['user.reactivated', 'user.deactivated', 'user.registered']);

    await page.getByRole('textbox', { name: 'Action' }).fill('user.deactivated');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[aria-labelledby="events-heading"] li').length === 1,
    );

    // A refused filter is said beside its field.
    await page.getByRole('textbox', { name: 'Actor' }).fill('not-an-id');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const actor = page.getByRole('textbox', { name: 'Actor' });
    await page.waitForFunction(() => document.querySelector('input[aria-invalid="true"]') !== null);
    expect(await actor.getAttribute('aria-invalid')).toBe('true');

    const jobs = page.getByRole('region', { name: 'Background jobs' });
    await jobs.getByRole('columnheader', { name: 'Failed' }).waitFor();
    expect(await jobs.getByRole('row').count()).toBeGreaterThan(1);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await screenshot(page, 'admin-audit');
    expect(await seriousViolations(page)).toEqual([]);
    // The refused filter's 400 is the one failed request, on purpose.
    expect(web.problems.filter((p) => !/audit-events.*400|status of 400/.test(p))).toEqual([]);
  });
});
