// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import {
  disconnectBrowser,
  openPage,
  screenshot,
  seriousViolations,
  type WebPage,
} from './browser.js';
import { newMentee, newMentor, uploadRecording, type Mentee, type Mentor } from './mentor-data.js';
import { signInAs } from './trainee-data.js';

describe('Review queue (web)', () => {
  let web: WebPage;
  let mentor: Mentor;
  let mentee: Mentee;
  let recordingId: string;

  beforeAll(async () => {
    mentor = await newMentor('Rosa Reviewer');
    mentee = await newMentee(mentor, 'Tomas Trainee');
    recordingId = await uploadRecording(mentee, 3);
  }, 90_000);

  afterAll(() => disconnectBrowser());

  afterEach(() => web.close());

  it('should list the assigned recording with the trainee, dates in the zone and a Review link', async () => {
    web = await openPage();
    const { page } = web;
    await signInAs(page, mentor.email, '/reviews');
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: /Recordings to assess.*1 waiting/ }).waitFor();

    const pending = page.getByRole('region', { name: 'Waiting for your review' });
    const item = pending.getByRole('listitem').filter({ hasText: 'Tomas Trainee' });
    await item.getByRole('heading', { name: 'Tomas Trainee' }).waitFor();
    await item.getByText(`${mentee.courseTitle}, ${mentee.cohort.title}, session 3`).waitFor();
    await item.getByText(/^Assigned .*\(America\/New_York\)$/).waitFor();
    await item.getByText(/^Due .*\(America\/New_York\)$/).waitFor();
    expect(await item.getByText('Overdue').count()).toBe(0);
    await page
      .getByRole('region', { name: 'Reviewed by you' })
      .getByText('You have not reviewed a recording yet.')
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'review-queue');

    // By keyboard: Tab reaches the link and Enter opens the workspace.
    const link = item.getByRole('link', { name: 'Review', exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/reviews/${recordingId}`);
    await page
      .getByRole('heading', { name: 'Review: Tomas Trainee, session 3', level: 1 })
      .waitFor();
    expect(web.problems).toEqual([]);
  }, 60_000);

  it('should say what to do when nothing waits, at 360 px wide', async () => {
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    const idle = await newMentor('Ida Idle');
    await signInAs(page, idle.email, '/reviews');
    await page.getByText('Nothing waits for your review.').waitFor();
    expect(await page.getByRole('link', { name: 'Review', exact: true }).count()).toBe(0);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  }, 60_000);
});
