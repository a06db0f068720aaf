import { jest } from '@jest/globals';
import { baseUrl, openPage, screenshot, seriousViolations, type WebPage } from './browser.js';
import { newTrainee, signInAs } from './trainee-data.js';

jest.setTimeout(90_000);

interface Unmet {
  title: string;
  have: number;
  need: number;
}

async function unmetFor(token: string, designation: string): Promise<Unmet[]> {
  const response = await fetch(`${baseUrl}/api/v1/certifications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ designation }),
  });
  expect(response.status).toBe(422);
  return ((await response.json()) as { unmet: Unmet[] }).unmet;
}

describe('Certification (web)', () => {
  let web: WebPage;

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should show what is unmet for each designation beside its button', async () => {
    const { page } = web;
    const trainee = await newTrainee();
    const other = await newTrainee('other');
    const trained = await unmetFor(other.token, 'trained_teacher');
    const certified = await unmetFor(other.token, 'certified_teacher');

    await signInAs(page, trainee.email, '/certification');
    await page.getByRole('heading', { name: 'Certification', level: 1 }).waitFor();
    await page.getByText('not asked for a certification yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    for (const [button, region, unmet] of [
      ['Request Trained Teacher', 'Trained Teacher', trained],
      ['Request Certified Teacher', 'Certified Teacher', certified],
    ] as const) {
      const card = page.getByRole('region', { name: region, exact: true });
      await card.getByRole('button', { name: button }).click();
      const items = card.getByRole('alert').getByRole('listitem');
      await items.first().waitFor();
      expect(await items.count()).toBe(unmet.length);
      for (const [i, requirement] of unmet.entries()) {
        await items.nth(i).getByText(requirement.title).waitFor();
        await items.nth(i).getByText(`${requirement.have} / ${requirement.need}`).waitFor();
      }
    }
    await page.getByText('not asked for a certification yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'certification-refused');
    expect(web.problems).toEqual([]);
  });

  it('should ask with the keyboard alone at 360 px wide', async () => {
    await web.close();
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    const trainee = await newTrainee();
    await signInAs(page, trainee.email, '/certification');
    const button = page.getByRole('button', { name: 'Request Trained Teacher' });
    await button.waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(web.problems).toEqual([]);
  });
});
