// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import pg from 'pg';
import {
  disconnectBrowser,
  openPage,
  screenshot,
  seriousViolations,
  type WebPage,
} from './browser.js';
import { adminToken, call, newTrainee, signInAs } from './trainee-data.js';

interface CredentialItem {
  id: string;
  verificationUrl: string;
  pdfUrl: string;
  linkedInUrl: string;
}

/**
 * A pending Trained Teacher request, straight in SQL: walking the whole pathway in the browser
 * tests would take minutes. Its approval, the issuing and everything after are the real thing.
 */
async function pendingRequest(traineeId: string): Promise<string> {
  const url = process.env.MSC_WEB_DATABASE_URL;
  if (!url) throw new Error('MSC_WEB_DATABASE_URL is unset: run the "web" project');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO certification_requests (trainee_id, designation) VALUES ($1, 'trained_teacher')
       RETURNING id`,
      [traineeId],
    );
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}

describe('Credentials (web)', () => {
  let web: WebPage;

  afterAll(() => disconnectBrowser());

  beforeEach(async () => {
    web = await openPage({ width: 360, height: 740 });
  });

  afterEach(() => web.close());

  it('should list an issued credential with its verification page, PDF and LinkedIn links', async () => {
    const { page } = web;
    const trainee = await newTrainee('credentialed');
    const requestId = await pendingRequest(trainee.id);
    await call(
      await adminToken(),
      'POST',
      `/certifications/${requestId}/decision`,
      {
        decision: 'approved',
      },
      200,
    );
    const deadline = Date.now() + 30_000;
    let credential: CredentialItem | undefined;
    while (!credential) {
      const mine = await call<{ items: CredentialItem[] }>(trainee.token, 'GET', '/me/credentials');
      credential = mine.items[0];
      if (!credential && Date.now() > deadline) throw new Error('no credential was issued');
      if (!credential) await new Promise((r) => setTimeout(r, 250));
    }

    await signInAs(page, trainee.email, '/credentials');
    const card = page.getByRole('listitem').filter({ hasText: 'Trained MSC Teacher' });
    await card.getByRole('heading', { name: 'Trained MSC Teacher' }).waitFor();
    await card.getByText('Valid', { exact: true }).waitFor();
    const verification = card.getByRole('link', { name: 'Verification page' });
    expect(await verification.getAttribute('href')).toBe(credential.verificationUrl);
    expect(await card.getByRole('link', { name: 'Add to LinkedIn' }).getAttribute('href')).toBe(
      credential.linkedInUrl,
    );
    expect(new URL(credential.linkedInUrl).searchParams.get('certUrl')).toBe(
      credential.verificationUrl,
    );
    const pdfHref = (await card.getByRole('link', { name: 'Download PDF' }).getAttribute('href'))!;
    // A signed link, made afresh with each answer.
    expect(new URL(pdfHref).pathname).toBe(new URL(credential.pdfUrl).pathname);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'credentials');

    const pdf = await fetch(pdfHref);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // The verification page opens in a new tab, without an account.
    const opened = web.context.waitForEvent('page');
    await verification.click();
    const tab = await opened;
    await tab.waitForLoadState();
    expect(tab.url()).toBe(credential.verificationUrl);
    expect(await tab.getByText('Test Trainee').count()).toBeGreaterThan(0);
    await tab.close();
    expect(web.problems).toEqual([]);
  }, 90_000);

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
