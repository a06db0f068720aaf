import { jest } from '@jest/globals';
import { openPage, screenshot, seriousViolations, type WebPage } from './browser.js';
import { call, newTrainee, signInAs } from './trainee-data.js';

jest.setTimeout(90_000);

/** A date in Lisbon (the test trainee's zone), `days` from today there. */
function lisbonDay(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Lisbon' }).format(new Date());
  const at = new Date(`${today}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

describe('Practice (web)', () => {
  let web: WebPage;

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should log practice with today preset, count the days and streak, and show the 60 days', async () => {
    const { page } = web;
    const trainee = await newTrainee();
    for (const days of [-1, -2]) {
      await call(trainee.token, 'POST', '/me/practice-logs', {
        date: lisbonDay(days),
        minutes: 20,
        practice: 'sitting',
      });
    }
    await signInAs(page, trainee.email, '/practice');
    await page.getByRole('heading', { name: 'Practice', level: 1 }).waitFor();
    const date = page.getByRole('textbox', { name: 'Date' });
    expect(await date.inputValue()).toBe(lisbonDay(0));
    const days60 = page.getByRole('definition').filter({ hasText: /days?$/ });
    await page.getByText('Days in the last 60').waitFor();
    expect(await days60.allTextContents()).toEqual(['2 days', '2 days']);
    const calendar = page.getByRole('list', { name: 'Your last 60 days' });
    expect(await calendar.getByRole('listitem').count()).toBe(60);
    expect(await calendar.getByText(/practised, 20 minutes/).count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('textbox', { name: 'Minutes' }).fill('25');
    await page
      .getByRole('combobox', { name: 'Practice' })
      .selectOption({ label: 'Loving-kindness' });
    await page.getByRole('textbox', { name: 'Note' }).fill('A kind morning');
    await page.getByRole('button', { name: 'Log practice' }).click();
    await page.getByRole('status').getByText('Logged 25 minutes').waitFor();
    await calendar.getByText(/practised, 25 minutes/).waitFor();
    expect(await days60.allTextContents()).toEqual(['3 days', '3 days']);
    await page.getByText('Loving-kindness, 25 minutes').waitFor();
    await page.getByText('A kind morning').waitFor();

    // A typed date (YYYY-MM-DD) four days back, after a gap: the streak stays 3, the 60 days count 4.
    await date.fill(lisbonDay(-4));
    await page.getByRole('button', { name: 'Log practice' }).click();
    await page.getByRole('status').getByText('Logged 25 minutes').waitFor();
    await calendar
      .getByText(/practised/)
      .nth(3)
      .waitFor();
    expect(await days60.allTextContents()).toEqual(['4 days', '3 days']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'practice');
    expect(web.problems).toEqual([]);
  });

  it("should show the API's refusal of a future date beside the Date field", async () => {
    const { page } = web;
    const trainee = await newTrainee();
    await signInAs(page, trainee.email, '/practice');
    const date = page.getByRole('textbox', { name: 'Date' });
    await date.fill(lisbonDay(3));
    await page.getByRole('button', { name: 'Log practice' }).click();
    await page.getByText('must not be in the future').waitFor();
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    const described = (await date.getAttribute('aria-describedby')) ?? '';
    const errorId = described.split(' ').find((id) => id.endsWith('-error'));
    expect(errorId).toBeDefined();
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain('future');
    await page.getByText('Nothing logged yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });

  it('should log practice with the keyboard alone at 360 px wide', async () => {
    await web.close();
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    const trainee = await newTrainee();
    await signInAs(page, trainee.email, '/practice');
    const minutes = page.getByRole('textbox', { name: 'Minutes' });
    await minutes.waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await minutes.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('15');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Log practice');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Logged 15 minutes').waitFor();
    expect(web.problems).toEqual([]);
  });
});
