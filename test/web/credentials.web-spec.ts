// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { disconnectBrowser, openPage, seriousViolations, type WebPage } from './browser.js';
import { call, newTrainee, signInAs } from './trainee-data.js';

describe('Credentials (web)', () => {
  let web: WebPage;

  afterAll(() => disconnectBrowser());

  beforeEach(async () => {
    web = await openPage({ width: 360, height: 740 });
  });

  afterEach(() => web.close());

  it('should tell a trainee without a credential how one is earned, and lead to Certification', async () => {
    const { page } = web;
    const trainee = await newTrainee('credentials');
    expect(
      (await call<{ items: unknown[] }>(trainee.token, 'GET', '/me/credentials')).items,
    ).toEqual([]);
    await signInAs(page, trainee.email, '/credentials');
    await page.getByRole('heading', { name: 'Credentials', level: 1 }).waitFor();
    await page.getByText('No credential yet').waitFor();
    expect(await page.getByRole('link', { name: 'Verification page' }).count()).toBe(0);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);

    const next = page.getByRole('link', { name: 'Request certification' });
    await next.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/certification');
    expect(web.problems).toEqual([]);
  }, 60_000);
});
