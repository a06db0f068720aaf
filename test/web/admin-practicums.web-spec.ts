import { jest } from '@jest/globals';
import {
  ADMIN,
  disconnectBrowser,
  openPage,
  screenshot,
  seriousViolations,
  signIn,
  type WebPage,
} from './browser.js';
import { newMentee, newMentor, uploadRecording } from './mentor-data.js';
import { adminToken, call, newTrainee } from './trainee-data.js';

jest.setTimeout(150_000);

describe('Admin practicums (web)', () => {
  let web: WebPage;

  afterAll(() => disconnectBrowser());
  beforeEach(async () => {
    web = await openPage();
  });
  afterEach(() => web.close());

  it('should create a practicum with people pickers, change its mentor and reassign a reviewer', async () => {
    const { page } = web;
    const stamp = Date.now().toString(36);
    const first = await newMentor(`Olga Firstmentor${stamp}`);
    const second = await newMentor(`Paulo Secondmentor${stamp}`);
    const traineeName = `Rita Pairing${stamp}`;
    const trainee = await newTrainee('pairing');
    await call(trainee.token, 'PATCH', '/me', { displayName: traineeName });
    const menteeName = `Sara Recorded${stamp}`;
    const mentee = await newMentee(first, menteeName);
    const recordingId = await uploadRecording(mentee, 1);

    await page.setViewportSize({ width: 360, height: 900 });
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/practicums');
    await page.getByRole('heading', { name: 'Practicums', level: 1 }).waitFor();
    const form = page.getByRole('region', { name: 'New practicum' });

    // Without choices the form says what is missing beside each picker.
    await form.getByRole('button', { name: 'Create practicum' }).click();
    await form.getByText('Choose the trainee from the matches.').waitFor();
    await form.getByText('Choose the mentor from the matches.').waitFor();

    await form.getByRole('textbox', { name: 'Trainee' }).fill(`pairing${stamp}`);
    await form.getByRole('button', { name: `Choose ${traineeName}` }).click();
    await form.getByRole('textbox', { name: 'Mentor' }).fill(`firstmentor${stamp}`);
    await form.getByRole('button', { name: `Choose Olga Firstmentor${stamp}` }).click();
    await form.getByText(`Chosen: Olga Firstmentor${stamp}`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Create practicum' }).click();
    await form.getByText(`The practicum of ${traineeName} is open.`).waitFor();

    await page.getByRole('searchbox', { name: 'Filter' }).fill(`pairing${stamp}`);
    const item = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: traineeName }) });
    await item.getByText(`Mentor Olga Firstmentor${stamp}`).waitFor();
    await item
      .getByRole('textbox', { name: `New supervisor for ${traineeName}` })
      .fill(`secondmentor${stamp}`);
    await item.getByRole('button', { name: `Choose Paulo Secondmentor${stamp}` }).click();
    await item.getByRole('button', { name: 'Change mentor' }).click();
    await item.getByText(`Paulo Secondmentor${stamp} now supervises this practicum.`).waitFor();
    await item.getByText(`Mentor Paulo Secondmentor${stamp}`).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await screenshot(page, 'admin-practicums');

    // The recording awaiting review moves to the second mentor.
    const recording = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: `${menteeName}:` }) });
    await recording.getByText(`Reviewer Olga Firstmentor${stamp}`).waitFor();
    await recording
      .getByRole('textbox', { name: `New reviewer for ${menteeName}` })
      .fill(`secondmentor${stamp}`);
    await recording.getByRole('button', { name: `Choose Paulo Secondmentor${stamp}` }).click();
    await recording.getByRole('button', { name: 'Reassign reviewer' }).click();
    await recording.getByText(`Reviewer Paulo Secondmentor${stamp}`).waitFor();
    const admin = await adminToken();
    const listed = await call<{ items: { id: string; reviewerId: string | null }[] }>(
      admin,
      'GET',
      `/recordings?status=awaiting_review&traineeId=${mentee.trainee.id}`,
    );
    expect(listed.items.find((r) => r.id === recordingId)?.reviewerId).toBe(second.id);
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });
});
