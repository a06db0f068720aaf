// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { jest } from '@jest/globals';
import pg from 'pg';
import { tinyPdf, tinyPng } from '../e2e/applications.fixtures.js';
import {
  ADMIN,
  baseUrl,
  disconnectBrowser,
  openPage,
  screenshot,
  seriousViolations,
  signIn,
  type WebPage,
} from './browser.js';
import { adminToken, call, newTrainee, type Trainee } from './trainee-data.js';

jest.setTimeout(180_000);

type Json = Record<string, unknown>;

interface Named extends Trainee {
  name: string;
}

/** A trainee with a display name no other test uses, so their cards are theirs alone. */
async function namedTrainee(name: string): Promise<Named> {
  const trainee = await newTrainee('decisions');
  const unique = `${name} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  await call(trainee.token, 'PATCH', '/me', { displayName: unique }, 200);
  return { ...trainee, name: unique };
}

/** POST /me/attestations as the trainee, with a real evidence file (multipart, as the page sends). */
async function attest(
  trainee: Trainee,
  kind: string,
  file: { bytes: Buffer; name: string; type: string },
): Promise<string> {
  const form = new FormData();
  form.set('kind', kind);
  form.set('statement', `Attested for ${kind}: a week at Gaia House, May 2025.`);
  form.set('evidence', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const response = await fetch(`${baseUrl}/api/v1/me/attestations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${trainee.token}` },
    body: form,
  });
  if (response.status !== 201) {
    throw new Error(`attest ${response.status}: ${await response.text()}`);
  }
  return ((await response.json()) as { id: string }).id;
}

/**
 * What the API has no shortcut for, straight in SQL: an MSC course completed 8 months ago and 50
 * days of practice (an application needs both, and six months to pass), or a pending Trained
 * Teacher request (walking the whole pathway in a browser test would take minutes). Everything
 * decided on them afterwards is the real thing.
 */
async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[]): Promise<T[]> {
  const url = process.env.MSC_WEB_DATABASE_URL;
  if (!url) throw new Error('MSC_WEB_DATABASE_URL is unset: run the "web" project');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function completedCourseAndPractice(traineeId: string): Promise<void> {
  const completedAt = new Date(Date.now() - 240 * 86_400_000);
  const [course] = await sql<{ id: string }>(
    `INSERT INTO courses (code, title, format, session_count, session_minutes, completion_min_sessions)
     VALUES ('DEC-' || substr(gen_random_uuid()::text, 1, 8), 'MSC', 'msc_8_week', 8, 150, 6)
     RETURNING id`,
    [],
  );
  const [cohort] = await sql<{ id: string }>(
    `INSERT INTO cohorts (course_id, title, start_date, local_time, time_zone, cadence, capacity,
       status, completed_at)
     VALUES ($1, 'Spring, long ago', ($2::timestamptz - interval '8 weeks')::date, '18:00', 'UTC',
       'weekly', 20, 'completed', $2) RETURNING id`,
    [course!.id, completedAt],
  );
  await sql(
    `INSERT INTO enrollments (cohort_id, user_id, status, enrolled_at, completed_at)
     VALUES ($1, $2, 'enrolled', $3::timestamptz - interval '9 weeks', $3)`,
    [cohort!.id, traineeId, completedAt],
  );
  await sql(
    `INSERT INTO practice_logs (user_id, practiced_on, minutes, practice)
     SELECT $1, (now() AT TIME ZONE 'UTC')::date - n, 20, 'sitting' FROM generate_series(0, 49) n`,
    [traineeId],
  );
}

/** An application that met its prerequisites: the attestations verified through the API. */
async function submittedApplication(admin: string, trainee: Named): Promise<string> {
  await completedCourseAndPractice(trainee.id);
  for (const kind of ['daily_practice_2y', 'silent_retreat_5d', 'group_teaching']) {
    const id = await attest(trainee, kind, {
      bytes: tinyPdf(),
      name: `${kind}.pdf`,
      type: 'application/pdf',
    });
    await call(admin, 'POST', `/attestations/${id}/decision`, { decision: 'verified' }, 200);
  }
  const application = await call<{ id: string; status: string }>(
    trainee.token,
    'POST',
    '/applications',
    { kind: 'teacher_training', statement: 'I wish to share self-compassion with my community.' },
  );
  expect(application.status).toBe('submitted');
  return application.id;
}

async function pendingCertification(traineeId: string): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO certification_requests (trainee_id, designation) VALUES ($1, 'trained_teacher')
     RETURNING id`,
    [traineeId],
  );
  return row!.id;
}

const overflow = (web: WebPage) =>
  web.page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );

describe('Admin decisions (web)', () => {
  let web: WebPage;
  let admin: string;
  let me: { id: string; displayName: string; timeZone: string };

  beforeAll(async () => {
    admin = await adminToken();
    me = await call(admin, 'GET', '/me');
  });
  afterAll(() => disconnectBrowser());
  beforeEach(async () => {
    web = await openPage();
  });
  afterEach(() => web.close());

  it('should verify an attestation, reject an application with a note and approve a certification', async () => {
    const { page } = web;
    // Oldest first: the attestation, then the application, then the certification request.
    const ana = await namedTrainee('Ana Evidence');
    const attestationId = await attest(ana, 'silent_retreat_5d', {
      bytes: tinyPng(320, 200),
      name: 'retreat-certificate.png',
      type: 'image/png',
    });
    const bruno = await namedTrainee('Bruno Applicant');
    const applicationId = await submittedApplication(admin, bruno);
    const carla = await namedTrainee('Carla Candidate');
    const requestId = await pendingCertification(carla.id);

    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/decisions');
    await page.getByRole('heading', { name: 'Decisions', level: 1 }).waitFor();
    const queue = page.getByRole('region', { name: 'Waiting for a decision' });
    const card = (heading: string) =>
      queue.getByRole('listitem').filter({ has: page.getByRole('heading', { name: heading }) });
    const attestation = card(`Attestation: ${ana.name}`);
    const application = card(`Teacher-training application: ${bruno.name}`);
    const certification = card(`Certification request: ${carla.name}`);
    await attestation.waitFor();
    await application.waitFor();
    await certification.waitFor();

    // Counts per kind (other test files may add to them meanwhile, so at least ours).
    const counts = page.getByRole('list', { name: 'Waiting, by kind' });
    for (const label of ['Attestations', 'Applications', 'Certification requests']) {
      const text = await counts.getByText(new RegExp(`^${label}: \\d+$`)).innerText();
      expect(Number(text.split(': ')[1])).toBeGreaterThanOrEqual(1);
    }

    // Oldest first across kinds.
    const headings = await queue.getByRole('heading', { level: 3 }).allInnerTexts();
    const at = (name: string) => headings.findIndex((h) => h.includes(name));
    expect(at(ana.name)).toBeGreaterThanOrEqual(0);
    expect(at(ana.name)).toBeLessThan(at(bruno.name));
    expect(at(bruno.name)).toBeLessThan(at(carla.name));

    // The attestation's evidence, shown in the page.
    await attestation.getByText('A silent retreat of five days').first().waitFor();
    await attestation.getByText('retreat-certificate.png').waitFor();
    await attestation.getByRole('button', { name: 'Show evidence' }).click();
    const image = attestation.getByRole('img', { name: `Evidence of ${ana.name}` });
    await image.waitFor();
    await page.waitForFunction(
      (alt) =>
        [...document.images].some(
          (img) => img.alt.startsWith(alt) && img.complete && img.naturalWidth === 320,
        ),
      `Evidence of ${ana.name}`,
    );
    expect(page.url()).toContain('/admin/decisions');

    // The applicant's progress: the stages before teacher training are all met.
    const bar = application.getByRole('progressbar', { name: `Pathway progress of ${bruno.name}` });
    await bar.waitFor();
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await application.getByText('Personal practice: 5 of 5 requirements met').waitFor();
    await application.getByText('MSC course: 1 of 1 requirements met').waitFor();

    // The certification's evidence: the stage leading to the designation, requirement by requirement.
    await certification.getByText('Asks to be: Trained Teacher').waitFor();
    await certification
      .getByRole('heading', { name: 'Requirements of the stage “Supervised practicum”' })
      .waitFor();
    const practicum = certification
      .getByRole('listitem')
      .filter({ hasText: 'Complete the Teacher Training Practicum' });
    await practicum.getByText('Not met').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-decisions');

    // Verify the attestation.
    await attestation.getByRole('button', { name: 'Verify' }).click();
    await page
      .getByRole('status')
      .getByText(`You verified the attestation of ${ana.name} (A silent retreat of five days).`)
      .waitFor();
    await attestation.waitFor({ state: 'detached' });
    const verified = await call<Json>(admin, 'GET', `/attestations/${attestationId}`);
    expect(verified).toMatchObject({ status: 'verified', decidedBy: me.id, decisionNote: null });

    // Reject the application, with a note.
    const note = 'Please apply again after your next silent retreat.';
    await application.getByRole('textbox', { name: 'Note' }).fill(note);
    await application.getByRole('button', { name: 'Reject' }).click();
    await page
      .getByRole('status')
      .getByText(`You rejected the teacher-training application of ${bruno.name}.`)
      .waitFor();
    await application.waitFor({ state: 'detached' });
    const rejected = await call<Json>(admin, 'GET', `/applications/${applicationId}`);
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: me.id, decisionNote: note });

    // Approve the certification request.
    await certification.getByRole('button', { name: 'Approve' }).click();
    await page
      .getByRole('status')
      .getByText(`You approved ${carla.name} as Trained Teacher.`)
      .waitFor();
    await certification.waitFor({ state: 'detached' });
    const approved = await call<Json>(admin, 'GET', `/certifications/${requestId}`);
    expect(approved).toMatchObject({ status: 'approved', decidedBy: me.id });

    // The Decided section: what, when (in the admin's zone) and by whom, by name.
    const decided = page.getByRole('region', { name: 'Decided' });
    for (const [heading, outcome] of [
      [`Attestation: ${ana.name}`, 'Verified'],
      [`Teacher-training application: ${bruno.name}`, 'Rejected'],
      [`Certification request: ${carla.name}`, 'Approved'],
    ] as const) {
      const row = decided.getByRole('listitem', { name: heading });
      const line = row.getByText(` by ${me.displayName}`, { exact: false });
      await line.waitFor();
      const text = await line.innerText();
      expect(text.startsWith(`${outcome} `)).toBe(true);
      expect(text).toContain(`(${me.timeZone})`);
    }
    await decided
      .getByRole('listitem', { name: `Teacher-training application: ${bruno.name}` })
      .getByText(`Note: ${note}`)
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });

  it('should show a PDF as a link and decide with the keyboard alone at 360 px wide', async () => {
    await web.close();
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    const dina = await namedTrainee('Dina Keyboard');
    const attestationId = await attest(dina, 'group_teaching', {
      bytes: tinyPdf('I taught a weekly group'),
      name: 'classes.pdf',
      type: 'application/pdf',
    });

    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/decisions');
    const attestation = page
      .getByRole('region', { name: 'Waiting for a decision' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: `Attestation: ${dina.name}` }) });
    await attestation.waitFor();
    expect(await overflow(web)).toBeLessThanOrEqual(0);

    const show = attestation.getByRole('button', { name: 'Show evidence' });
    await show.focus();
    await page.keyboard.press('Enter');
    const open = attestation.getByRole('link', { name: 'Open the evidence in a new tab' });
    await open.waitFor();
    expect(await open.getAttribute('href')).toMatch(/^blob:/);
    expect(await open.getAttribute('target')).toBe('_blank');
    // The links hold the very file the API serves.
    const downloading = page.waitForEvent('download');
    await attestation.getByRole('link', { name: 'Download the evidence' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('classes.pdf');
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await overflow(web)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard: the note, then Tab to Verify, Tab to Reject, Enter.
    const note = attestation.getByRole('textbox', { name: 'Note' });
    await note.focus();
    await page.keyboard.type('The file shows no dates.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(
      await attestation
        .getByRole('button', { name: 'Reject' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .getByText(`You rejected the attestation of ${dina.name} (Teaching a group).`)
      .waitFor();
    await attestation.waitFor({ state: 'detached' });
    const rejected = await call<Json>(admin, 'GET', `/attestations/${attestationId}`);
    expect(rejected).toMatchObject({
      status: 'rejected',
      decidedBy: me.id,
      decisionNote: 'The file shows no dates.',
    });
    await page
      .getByRole('region', { name: 'Decided' })
      .getByRole('listitem', { name: `Attestation: ${dina.name}` })
      .getByText(` by ${me.displayName}`, { exact: false })
      .waitFor();
    expect(await overflow(web)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });
});
