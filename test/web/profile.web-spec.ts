// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import {
  disconnectBrowser,
  openPage,
  screenshot,
  seriousViolations,
  type WebPage,
} from './browser.js';
import { PASSWORD, call, newTrainee, signInAs, tokenOf } from './trainee-data.js';

describe('Profile (web)', () => {
  let web: WebPage;

  afterAll(() => disconnectBrowser());

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should change name and zone, refuse a wrong current password beside it, then change the password', async () => {
    const { page } = web;
    const trainee = await newTrainee('profile');
    await signInAs(page, trainee.email, '/profile');
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    expect(await page.getByLabel('Display name').inputValue()).toBe('Test Trainee');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Lisbon');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'profile');

    await page.getByLabel('Display name').fill('Ana Pereira');
    await page.getByLabel('Time zone').selectOption('America/New_York');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved').waitFor();
    // The header greets the new name at once, and the API holds both changes.
    await page.getByText('Signed in as Ana Pereira').waitFor();
    const me = await call<{ displayName: string; timeZone: string }>(trainee.token, 'GET', '/me');
    expect(me).toMatchObject({ displayName: 'Ana Pereira', timeZone: 'America/New_York' });
    await page.reload();
    expect(await page.getByLabel('Time zone').inputValue()).toBe('America/New_York');

    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    const current = page.getByLabel('Current password');
    await page.getByText('The current password is wrong').waitFor();
    expect(await current.getAttribute('aria-invalid')).toBe('true');
    // The message is the field's own description, read out with it.
    const describedBy = (await current.getAttribute('aria-describedby')) ?? '';
    const described = await page.evaluate(
      (ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? ''),
      describedBy,
    );
    expect(described.join(' ')).toContain('The current password is wrong');
    expect(await seriousViolations(page)).toEqual([]);

    await current.fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').getByText('Your password is changed').waitFor();
    await expect(tokenOf(trainee.email, 'a brand new passphrase')).resolves.toEqual(
      expect.any(String),
    );
    await expect(tokenOf(trainee.email, PASSWORD)).rejects.toThrow(/401/);
    // This browser stays signed in.
    await page.reload();
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    expect(web.problems).toEqual([]);
  }, 90_000);

  it('should show a too-short new password beside its field and work at 360 px with the keyboard', async () => {
    await web.close();
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    const trainee = await newTrainee('profile-small');
    await signInAs(page, trainee.email, '/profile');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByLabel('Current password').focus();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Tab');
    await page.keyboard.type('short');
    await page.keyboard.press('Enter');
    await page.getByText('Use at least 10 characters').waitFor();
    expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');
    expect(web.problems).toEqual([]);
  });
});
