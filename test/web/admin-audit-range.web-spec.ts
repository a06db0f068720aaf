import { jest } from '@jest/globals';
import { ADMIN, openPage, seriousViolations, signIn, type WebPage } from './browser.js';
import { adminToken, call, dayFromToday, newTrainee } from './trainee-data.js';

jest.setTimeout(120_000);

describe('Admin audit log by date range (web)', () => {
  let web: WebPage;

  beforeEach(async () => {
    web = await openPage({ width: 360, height: 900 });
  });
  afterEach(() => web.close());

  it('should keep to the days typed in From and To, and say a backwards range beside To', async () => {
    const { page, problems } = web;
    const person = await newTrainee('ranged');
    const admin = await adminToken();
    await call(admin, 'POST', `/users/${person.id}/deactivate`, undefined, 200);

    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/audit');
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const events = page.getByRole('region', { name: 'Events' });
    const items = events.getByRole('listitem');

    await page.getByRole('textbox', { name: 'Subject' }).fill(`user/${person.id}`);
    // A day either side of today, whatever the profile's zone: both events are inside.
    await page.getByRole('textbox', { name: 'From date' }).fill(dayFromToday(-1));
    await page.getByRole('textbox', { name: 'To date' }).fill(dayFromToday(1));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await items.filter({ hasText: 'user.deactivated' }).waitFor();
    await items.filter({ hasText: 'user.registered' }).waitFor();
    expect(await items.count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);

    // From the day after tomorrow: nothing yet.
    await page.getByRole('textbox', { name: 'From date' }).fill(dayFromToday(2));
    await page.getByRole('textbox', { name: 'To date' }).fill('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await events.getByText(/No event matches these filters/).waitFor();

    // Until the day before yesterday: nothing either.
    await page.getByRole('textbox', { name: 'From date' }).fill('');
    await page.getByRole('textbox', { name: 'To date' }).fill(dayFromToday(-2));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await events.getByText(/No event matches these filters/).waitFor();

    await page.getByRole('textbox', { name: 'From date' }).fill(dayFromToday(1));
    await page.getByRole('textbox', { name: 'To date' }).fill(dayFromToday(-1));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const to = page.getByRole('textbox', { name: 'To date' });
    await page.getByText('“To date” cannot be before “From date”.').waitFor();
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('textbox', { name: 'From date' }).fill('2027-02-30');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(
      await page.getByRole('textbox', { name: 'From date' }).getAttribute('aria-invalid'),
    ).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    expect(problems).toEqual([]);
  });
});
