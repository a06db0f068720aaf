// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import {
  disconnectBrowser,
  openPage,
  screenshot,
  seriousViolations,
  type WebPage,
} from './browser.js';
import { MENTOR_ZONE, newMentee, newMentor, type Mentee, type Mentor } from './mentor-data.js';
import { call, signInAs } from './trainee-data.js';

/** YYYY-MM-DD of `days` ago (UTC): at 10:30 in any zone still in the past. */
const dayAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('Mentees (web)', () => {
  let web: WebPage;
  let mentor: Mentor;
  let mentee: Mentee;

  beforeAll(async () => {
    mentor = await newMentor('Rosa Mentor');
    mentee = await newMentee(mentor, 'Tomas Trainee');
  }, 90_000);

  afterAll(() => disconnectBrowser());

  afterEach(() => web.close());

  it('should show the mentee with progress, log a session typed in the mentor zone, and open the progress page', async () => {
    web = await openPage();
    const { page } = web;
    await signInAs(page, mentor.email, '/mentees');
    await page.getByRole('heading', { name: 'Mentees', level: 1 }).waitFor();
    const card = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: 'Tomas Trainee' }),
    });
    const progress = await call<{ percentComplete: number }>(
      mentor.token,
      'GET',
      `/trainees/${mentee.trainee.id}/progress`,
    );
    const bar = card.getByRole('progressbar', { name: 'Pathway progress of Tomas Trainee' });
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuenow')).toBe(String(progress.percentComplete));
    await card.getByText('No sessions logged yet.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // A bad length is refused by the API beside its field; nothing is logged.
    const held = `${dayAgo(2)} 10:30`;
    await card.getByLabel('Kind').selectOption({ label: 'Consultation' });
    await card.getByLabel('Held at').fill(held);
    await card.getByLabel('Held at').press('Tab');
    await card.getByLabel('Minutes').fill('5');
    await card.getByRole('button', { name: 'Log session' }).click();
    await card.getByText('minutes must not be less than 15').waitFor();
    expect(await card.getByLabel('Minutes').getAttribute('aria-invalid')).toBe('true');

    await card.getByLabel('Minutes').fill('45');
    await card.getByLabel('Minutes').press('Enter');
    await card.getByRole('status').getByText('Logged: Consultation, 45 minutes').waitFor();
    await card.getByText('Consultation: 1 sessions, 45 minutes').waitFor();
    await card
      .getByText(/^Consultation, 45 minutes, .*10:30 AM .*\(America\/New_York\)$/)
      .waitFor();

    const ledger = await call<{ items: { kind: string; minutes: number; heldAt: string }[] }>(
      mentor.token,
      'GET',
      `/practicums/${mentee.practicumId}/sessions`,
    );
    expect(ledger.items).toHaveLength(1);
    expect(ledger.items[0]).toMatchObject({ kind: 'consultation', minutes: 45 });
    // Typed on the mentor's wall clock (not the browser's): the stored instant reads 10:30 there.
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: MENTOR_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(ledger.items[0]!.heldAt));
    expect(local).toBe('10:30');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'mentees');

    await card.getByRole('link', { name: 'Progress of Tomas Trainee' }).click();
    await page.getByRole('heading', { name: 'Progress of Tomas Trainee', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Next steps' }).waitFor();
    expect(await page.getByRole('progressbar').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  }, 90_000);

  it('should tell a mentor without mentees what happens, and work at 360 px by keyboard', async () => {
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    const idle = await newMentor('Ida Idle');
    await signInAs(page, idle.email, '/mentees');
    await page.getByText('You mentor no one yet.').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signInAs(page, mentor.email, '/mentees');
    const card = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: 'Tomas Trainee' }),
    });
    await card.getByRole('button', { name: 'Log session' }).waitFor();
    const overflowWithForm = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflowWithForm).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  }, 90_000);
});
