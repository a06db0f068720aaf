// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { wav } from '../e2e/practicum.fixtures.js';
import {
  disconnectBrowser,
  openPage,
  screenshot,
  seriousViolations,
  uniqueEmail,
  type WebPage,
} from './browser.js';
import {
  PASSWORD,
  adminToken,
  call,
  dayFromToday,
  newCohort,
  newCourse,
  newTrainee,
  signInAs,
  tokenOf,
  type CohortAnswer,
  type Trainee,
} from './trainee-data.js';

const SCORES = {
  coverage_pacing: 'competent',
  relational_skills: 'proficient',
  embodiment: 'advanced_beginner',
  guiding_practices: 'competent',
  inquiry: 'competent',
  holding_the_group: 'advanced',
};

interface RecordingRow {
  id: string;
  status: string;
  reviewerId: string | null;
}

/** Waits until the trainee's one recording is `status` (the worker probes and assigns it). */
async function recordingOnceIt(token: string, status: string): Promise<RecordingRow> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { items } = await call<{ items: RecordingRow[] }>(token, 'GET', '/me/recordings');
    if (items[0]?.status === status) return items[0];
    if (Date.now() > deadline) throw new Error(`recording is ${JSON.stringify(items)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('Practicum (web)', () => {
  let web: WebPage;
  let trainee: Trainee;
  let mentor: { id: string; token: string };
  let cohort: CohortAnswer;
  let courseTitle: string;

  beforeAll(async () => {
    const admin = await adminToken();
    trainee = await newTrainee('practicum');
    const mentorEmail = uniqueEmail('mentor');
    const created = await call<{ id: string }>(admin, 'POST', '/users', {
      email: mentorEmail,
      displayName: 'Maya Mentor',
      password: PASSWORD,
      roles: ['mentor'],
    });
    mentor = { id: created.id, token: await tokenOf(mentorEmail) };
    const course = await newCourse(admin);
    courseTitle = course.title;
    cohort = await newCohort(admin, course.id, {
      title: `Taught by the trainee ${Date.now().toString(36)}`,
      startDate: dayFromToday(-21),
    });
    await call(admin, 'POST', `/cohorts/${cohort.id}/teachers`, {
      userId: trainee.id,
      role: 'lead',
    });
    await call(admin, 'POST', '/practicums', { traineeId: trainee.id, mentorId: mentor.id });
  }, 60_000);

  afterAll(() => disconnectBrowser());

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should upload with a progress bar, cancel, upload again, and play the review from its comments', async () => {
    const { page } = web;
    await signInAs(page, trainee.email, '/practicum');
    await page.getByRole('heading', { name: 'Practicum', level: 1 }).waitFor();
    await page.getByText('Maya Mentor').waitFor();
    await page.getByText('No recordings yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The API refuses a session the cohort does not have: the answer sits beside the field.
    const recording = { name: 'session-2.wav', mimeType: 'audio/wav', buffer: wav(75) };
    await page.getByLabel('Recording').setInputFiles(recording);
    await page.getByLabel('Cohort').selectOption({ label: `${courseTitle}: ${cohort.title}` });
    await page.getByLabel('Session number').fill('9');
    await page.getByLabel('Participants consented').check();
    await page.getByRole('button', { name: 'Upload recording' }).click();
    await page.getByText('The cohort has no session 9').waitFor();
    expect(await page.getByLabel('Session number').getAttribute('aria-invalid')).toBe('true');

    // A slow connection: the progress bar moves and the upload can be cancelled.
    const cdp = await web.context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 60 * 1024,
    });
    await page.getByLabel('Session number').fill('2');
    await page.getByRole('button', { name: 'Upload recording' }).click();
    const bar = page.getByRole('progressbar', { name: 'Upload progress' });
    await bar.waitFor();
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? 0) >
        0,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'practicum-uploading');
    await page.getByRole('button', { name: 'Cancel upload' }).click();
    await page.getByRole('status').getByText('cancelled').waitFor();
    expect(await bar.count()).toBe(0);
    const none = await call<{ items: unknown[] }>(trainee.token, 'GET', '/me/recordings');
    expect(none.items).toEqual([]);

    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await page.getByRole('button', { name: 'Upload recording' }).click();
    await page.getByRole('status').getByText('Uploaded').waitFor();
    const list = page.getByRole('region', { name: 'Your uploads' });
    await list.getByText(`${cohort.title}, session 2`).waitFor();
    await list.getByText('Awaiting review').waitFor();

    // The mentor reviews it (the review workspace is another page's journey).
    const assigned = await recordingOnceIt(trainee.token, 'awaiting_review');
    expect(assigned.reviewerId).toBe(mentor.id);
    await call(mentor.token, 'POST', `/recordings/${assigned.id}/reviews`, {
      scores: SCORES,
      comments: [
        { atSeconds: 5, text: 'A warm welcome' },
        { atSeconds: 42, text: 'Slow down the guided pause here' },
      ],
      summary: 'A grounded session; the pacing of the pause needs care.',
    });
    await page.reload();
    await list.getByText('Reviewed').waitFor();
    await screenshot(page, 'practicum');
    await list.getByRole('link', { name: 'Open review' }).click();

    await page.getByRole('heading', { name: 'Review of session 2', level: 1 }).waitFor();
    await page.getByText('A grounded session').waitFor();
    const scores = page.getByRole('region', { name: 'Scores per domain' });
    await scores.getByRole('row', { name: /Embodiment\s+Advanced beginner/ }).waitFor();
    await scores.getByRole('row', { name: /Holding the group\s+Advanced/ }).waitFor();
    const player = page.getByLabel('Recording of session 2');
    await player.waitFor();
    await page.waitForFunction(
      () => (document.querySelector('audio')?.duration ?? 0) > 70,
      undefined,
      { timeout: 10_000 },
    );
    // The element streams the signed link itself (no blob, no bearer): Range answers 206.
    const streamed = await page.evaluate(async () => {
      const src = document.querySelector('audio')?.currentSrc ?? '';
      const res = await fetch(src, { headers: { Range: 'bytes=0-9' }, credentials: 'omit' });
      return { src, status: res.status, range: res.headers.get('content-range') };
    });
    expect(streamed.src).toMatch(/\/api\/v1\/signed\/recordings\/[\w-]+\/content\?expires=/);
    expect(streamed.status).toBe(206);
    expect(streamed.range).toMatch(/^bytes 0-9\/\d+$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'practicum-review');

    await page.getByRole('button', { name: /0:42.*Slow down the guided pause/ }).click();
    await page.waitForFunction(() => {
      const t = document.querySelector('audio')?.currentTime ?? 0;
      return t >= 42 && t < 50;
    });
    // With the keyboard alone: Tab to the first comment and press Enter.
    const first = page.getByRole('button', { name: /0:05.*A warm welcome/ });
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const t = document.querySelector('audio')?.currentTime ?? 99;
      return t >= 5 && t < 12;
    });
    expect(web.problems).toEqual([]);
  }, 90_000);

  it('should tell a trainee without a practicum what happens next, at 360 px wide', async () => {
    await web.close();
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    const newcomer = await newTrainee('no-practicum');
    await signInAs(page, newcomer.email, '/practicum');
    await page.getByText('No practicum yet').waitFor();
    await page.getByRole('link', { name: 'Go to My pathway' }).waitFor();
    expect(await page.getByRole('button', { name: 'Upload recording' }).count()).toBe(0);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });
});
