import { jest } from '@jest/globals';
import {
  ADMIN,
  disconnectBrowser,
  openPage,
  registerByApi,
  screenshot,
  seriousViolations,
  signIn,
  uniqueEmail,
  type WebPage,
} from './browser.js';
import { PASSWORD, adminToken, call } from './trainee-data.js';

async function login(email: string, password = PASSWORD): Promise<number> {
  const answer = await fetch(`${process.env.MSC_WEB_BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return answer.status;
}

jest.setTimeout(120_000);

describe('Admin users (web)', () => {
  let web: WebPage;

  afterAll(() => disconnectBrowser());
  beforeEach(async () => {
    web = await openPage();
  });
  afterEach(() => web.close());

  it('should find a person, change their roles, create a user, deactivate and reactivate', async () => {
    const { page } = web;
    const stamp = Date.now().toString(36);
    const name = `Marta Quintas ${stamp}`;
    const email = uniqueEmail('people');
    await registerByApi(email, PASSWORD, name);

    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('searchbox', { name: 'Search' }).fill(`quintas ${stamp}`);
    const card = page.getByRole('listitem').filter({ hasText: email });
    await card.waitFor();
    await page.getByText('Showing 1–1 of 1').waitFor();
    expect(await card.getByRole('checkbox', { name: 'trainee' }).isChecked()).toBe(true);
    expect(await card.getByRole('checkbox', { name: 'mentor' }).isChecked()).toBe(false);
    await card.getByRole('checkbox', { name: 'mentor' }).check();
    await card.getByRole('button', { name: 'Save roles' }).click();
    await card.getByText('Roles saved.').waitFor();
    const admin = await adminToken();
    const found = await call<{ items: { id: string; roles: string[] }[] }>(
      admin,
      'GET',
      `/users?q=${encodeURIComponent(email)}`,
    );
    expect(found.items[0]!.roles).toEqual(['mentor', 'trainee']);
    await screenshot(page, 'admin-users');

    // Deactivate behind a confirmation: the person can no longer sign in, the card says so.
    await card.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Their records stay.', { exact: false }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Yes, deactivate' }).click();
    await card.getByText('Deactivated', { exact: true }).waitFor();
    expect(await login(email)).toBe(401);
    await card.getByRole('button', { name: 'Reactivate' }).click();
    await card.getByRole('button', { name: 'Deactivate' }).waitFor();
    expect(await login(email)).toBe(200);

    // A new user, by keyboard where a person would type; a taken e-mail is said beside the field.
    await page.getByRole('button', { name: 'New user' }).click();
    const form = page.getByRole('region', { name: 'New user' });
    await form.getByLabel('Display name').fill('Someone Else');
    await form.getByLabel('E-mail').fill(email);
    await form.getByLabel('Password').fill('a fine long password');
    await form.getByRole('button', { name: 'Create user' }).click();
    await form.getByText('already exists').waitFor();
    expect(await form.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    const fresh = uniqueEmail('newuser');
    await form.getByLabel('E-mail').fill(fresh);
    await form.getByRole('checkbox', { name: 'mentor' }).check();
    await form.getByRole('button', { name: 'Create user' }).press('Enter');
    await page.getByText('Someone Else can now sign in.').waitFor();
    expect(await login(fresh, 'a fine long password')).toBe(200);
    await page.getByRole('searchbox', { name: 'Search' }).fill(fresh);
    const made = page.getByRole('listitem').filter({ hasText: fresh });
    expect(await made.getByRole('checkbox', { name: 'mentor' }).isChecked()).toBe(true);
    expect(await made.getByRole('checkbox', { name: 'trainee' }).isChecked()).toBe(true);

    // Nobody found: the page says what to try.
    await page.getByRole('searchbox', { name: 'Search' }).fill(`zz-nobody-${stamp}`);
    await page.getByText('Nobody matches').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });

  it('should work at 360 px wide and offer the admin no deactivation of themselves', async () => {
    const { page } = web;
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/users');
    await page.getByRole('searchbox', { name: 'Search' }).fill(ADMIN.email);
    const card = page.getByRole('listitem').filter({ hasText: ADMIN.email });
    await card.getByText('This is you').waitFor();
    expect(await card.getByRole('button', { name: 'Deactivate' }).count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });
});
