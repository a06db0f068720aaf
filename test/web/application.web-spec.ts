import { jest } from '@jest/globals';
import { baseUrl, openPage, screenshot, seriousViolations, type WebPage } from './browser.js';
import { newTrainee, signInAs } from './trainee-data.js';

jest.setTimeout(90_000);

interface Unmet {
  key: string;
  title: string;
  have: number;
  need: number;
}

describe('Application (web)', () => {
  let web: WebPage;

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should show the unmet requirements with have / need when the application is refused', async () => {
    const { page } = web;
    const trainee = await newTrainee();
    // What the API says is missing for a new trainee (asked by another newcomer, so the page's
    // own attempt is the trainee's first).
    const other = await newTrainee('other');
    const probe = await fetch(`${baseUrl}/api/v1/applications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${other.token}` },
      body: JSON.stringify({ kind: 'teacher_training', statement: 'probe' }),
    });
    expect(probe.status).toBe(422);
    const unmet = ((await probe.json()) as { unmet: Unmet[] }).unmet;
    expect(unmet.length).toBeGreaterThan(0);

    await signInAs(page, trainee.email, '/application');
    await page.getByRole('heading', { name: 'Application', level: 1 }).waitFor();
    await page.getByText('You have not applied yet').waitFor();
    await page.getByRole('textbox', { name: 'Statement' }).fill('I want to share self-compassion.');
    await page.getByRole('button', { name: 'Submit application' }).click();

    const alert = page.getByRole('alert');
    await alert.getByText('still open').waitFor();
    const items = alert.getByRole('list', { name: 'still open' }).getByRole('listitem');
    expect(await items.count()).toBe(unmet.length);
    for (const [i, requirement] of unmet.entries()) {
      await items.nth(i).getByText(requirement.title).waitFor();
      await items.nth(i).getByText(`${requirement.have} / ${requirement.need}`).waitFor();
    }
    // The statement stays, so the person can try again later without retyping.
    expect(await page.getByRole('textbox', { name: 'Statement' }).inputValue()).toContain('share');
    await page.getByText('You have not applied yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'application-refused');

    await alert.getByRole('link', { name: 'My pathway' }).click();
    await page.getByRole('heading', { name: 'My pathway', level: 1 }).waitFor();
    expect(web.problems).toEqual([]);
  });
});
