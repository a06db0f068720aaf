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
import { call, signInAs } from './trainee-data.js';

const audioTime = () => document.querySelector('audio')?.currentTime ?? -1;

describe('Review workspace (web)', () => {
  let web: WebPage;
  let mentor: Mentor;
  let mentee: Mentee;
  let recordingId: string;

  beforeAll(async () => {
    mentor = await newMentor('Rosa Reviewer');
    mentee = await newMentee(mentor, 'Tomas Trainee');
    recordingId = await uploadRecording(mentee, 2);
  }, 90_000);

  afterAll(() => disconnectBrowser());

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should score, comment at the player time, keep the draft over a reload and submit', async () => {
    const { page } = web;
    await signInAs(page, mentor.email, '/reviews');
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Tomas Trainee' })
      .getByRole('link', { name: 'Review', exact: true })
      .click();
    await page
      .getByRole('heading', { name: 'Review: Tomas Trainee, session 2', level: 1 })
      .waitFor();
    await page.getByLabel('Recording of Tomas Trainee, session 2').waitFor();
    await page.waitForFunction(() => (document.querySelector('audio')?.duration ?? 0) > 70);

    // Each domain is a radio group named by the domain, each level's description beside it.
    const embodiment = page.getByRole('radiogroup', { name: 'Embodiment' });
    await embodiment.getByRole('radio', { name: 'Competent', exact: true }).waitFor();
    expect(await embodiment.getByRole('radio').count()).toBe(6);
    await page.getByText('Choose a level for 6 more domains to see the outcome.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard shortcuts move the player, but not while typing in a field.
    await page.getByRole('heading', { name: 'Rubric' }).click();
    await page.keyboard.press('l');
    await page.keyboard.press('l');
    await page.waitForFunction(() => {
      const t = document.querySelector('audio')?.currentTime ?? 0;
      return t >= 9.9 && t < 11;
    });
    await page.keyboard.press('j');
    await page.waitForFunction(() => {
      const t = document.querySelector('audio')?.currentTime ?? 0;
      return t >= 4.9 && t < 6;
    });
    const comment = page.getByRole('textbox', { name: 'Comment' });
    await comment.fill('A warm welcome');
    await comment.press('l');
    expect(await comment.inputValue()).toBe('A warm welcomel');
    expect(await page.evaluate(audioTime)).toBeLessThan(6);
    await comment.fill('A warm welcome');
    await page.getByRole('button', { name: 'Add comment at current time' }).click();
    await page.getByRole('button', { name: 'Play from 0:05: A warm welcome' }).waitFor();

    // A second note further on; the list stays in time order.
    await page.evaluate(() => {
      const audio = document.querySelector('audio');
      if (audio) audio.currentTime = 42;
    });
    await comment.fill('Slow down the guided pause');
    await page.getByRole('button', { name: 'Add comment at current time' }).click();
    await page
      .getByRole('button', { name: 'Play from 0:42: Slow down the guided pause' })
      .waitFor();

    const levels: Record<string, string> = {
      'Coverage and pacing': 'Competent',
      'Relational skills': 'Proficient',
      Embodiment: 'Advanced beginner',
      'Guiding practices': 'Competent',
      Inquiry: 'Competent',
    };
    for (const [domain, level] of Object.entries(levels)) {
      await page
        .getByRole('radiogroup', { name: domain })
        .getByRole('radio', { name: level, exact: true })
        .check();
    }
    await page.getByText('Choose a level for 1 more domain to see the outcome.').waitFor();
    await page
      .getByRole('radiogroup', { name: 'Holding the group' })
      .getByRole('radio', { name: 'Advanced', exact: true })
      .check();
    // The API's rubric marks Advanced beginner as below competent: the outcome says so in advance.
    await page.getByText('These scores give the outcome: needs work.').waitFor();
    await page.getByText('Below competent: Embodiment.').waitFor();
    await page
      .getByLabel('Summary')
      .fill('A grounded session; the pacing of the pause needs care.');

    // The draft survives a reload.
    await page.reload();
    await page
      .getByRole('button', { name: 'Play from 0:42: Slow down the guided pause' })
      .waitFor();
    expect(
      await page
        .getByRole('radiogroup', { name: 'Embodiment' })
        .getByRole('radio', { name: 'Advanced beginner', exact: true })
        .isChecked(),
    ).toBe(true);
    expect(await page.getByLabel('Summary').inputValue()).toContain('A grounded session');
    await page.getByText('These scores give the outcome: needs work.').waitFor();

    // A comment moves the player to its time.
    await page.waitForFunction(() => (document.querySelector('audio')?.duration ?? 0) > 70);
    await page.getByRole('button', { name: 'Play from 0:42: Slow down the guided pause' }).click();
    await page.waitForFunction(() => {
      const t = document.querySelector('audio')?.currentTime ?? 0;
      return t >= 42 && t < 50;
    });

    // Raise Embodiment: the outcome turns competent before submitting.
    await page
      .getByRole('radiogroup', { name: 'Embodiment' })
      .getByRole('radio', { name: 'Competent', exact: true })
      .check();
    await page.getByText('These scores give the outcome: competent.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'review-workspace');

    await page.getByRole('button', { name: 'Submit review' }).click();
    await page.getByRole('status').getByText('Review submitted. Outcome: competent.').waitFor();
    await page.getByText('A grounded session; the pacing of the pause needs care.').waitFor();

    const stored = await call<{
      status: string;
      review: { outcome: string; comments: { atSeconds: number; text: string }[] };
    }>(mentee.trainee.token, 'GET', `/recordings/${recordingId}`);
    expect(stored.status).toBe('reviewed');
    expect(stored.review.outcome).toBe('competent');
    expect(stored.review.comments.map((c) => [Math.floor(c.atSeconds), c.text])).toEqual([
      [5, 'A warm welcome'],
      [42, 'Slow down the guided pause'],
    ]);
    const draftKeys = await page.evaluate(() =>
      Object.keys(window.localStorage).filter((key) => key.startsWith('msc.review-draft.')),
    );
    expect(draftKeys).toEqual([]);
    await page.reload();
    await page.getByText('Review submitted. Outcome: competent.').waitFor();
    expect(await page.getByRole('button', { name: 'Submit review' }).count()).toBe(0);
    expect(web.problems).toEqual([]);
  }, 120_000);

  it('should put a missing level and summary beside their controls, by keyboard at 360 px', async () => {
    await web.close();
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    const second = await uploadRecording(mentee, 4);
    await signInAs(page, mentor.email, `/reviews/${second}`);
    await page
      .getByRole('heading', { name: 'Review: Tomas Trainee, session 4', level: 1 })
      .waitFor();
    await page
      .getByRole('radiogroup', { name: 'Inquiry' })
      .getByRole('radio', { name: 'Proficient', exact: true })
      .check();
    const submit = page.getByRole('button', { name: 'Submit review' });
    await submit.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Choose a level for Embodiment.').waitFor();
    await page.getByText('Write a summary for the trainee.').waitFor();
    expect(await page.getByLabel('Summary').getAttribute('aria-invalid')).toBe('true');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  }, 90_000);
});
