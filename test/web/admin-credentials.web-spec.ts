// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { jest } from '@jest/globals';
import pg from 'pg';
import {
  ADMIN,
  disconnectBrowser,
  openPage,
  registerByApi,
  screenshot,
  seriousViolations,
  signIn,
  uniqueEmail,
  type WebPage,
} from './browser.js';
import {
  adminToken,
  call,
  dayFromToday,
  newCohort,
  newCourse,
  PASSWORD,
  tokenOf,
  type CohortAnswer,
} from './trainee-data.js';

jest.setTimeout(180_000);

interface Holder {
  id: string;
  name: string;
  token: string;
}

/** A trainee with a display name of their own. */
async function newHolder(name: string): Promise<Holder> {
  const email = uniqueEmail('holder');
  await registerByApi(email, PASSWORD, name);
  const token = await tokenOf(email);
  const me = await call<{ id: string }>(token, 'GET', '/me');
  return { id: me.id, name, token };
}

/**
 * An issued Trained Teacher credential: the pending request is made in SQL (walking the pathway
 * in a browser test would take minutes); the approval and the issuing are the real thing.
 */
async function issuedCredential(admin: string, holder: Holder): Promise<string> {
  const url = process.env.MSC_WEB_DATABASE_URL;
  if (!url) throw new Error('MSC_WEB_DATABASE_URL is unset: run the "web" project');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let requestId: string;
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO certification_requests (trainee_id, designation) VALUES ($1, 'trained_teacher')
       RETURNING id`,
      [holder.id],
    );
    requestId = rows[0]!.id;
  } finally {
    await client.end();
  }
  await call(admin, 'POST', `/certifications/${requestId}/decision`, { decision: 'approved' }, 200);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mine = await call<{ items: { id: string }[] }>(holder.token, 'GET', '/me/credentials');
    if (mine.items[0]) return mine.items[0].id;
    if (Date.now() > deadline) throw new Error('no credential was issued');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A CE-eligible cohort of last spring, recorded and completed by the admin: the holder's credit. */
async function ceCohortWithCredit(
  admin: string,
  holder: Holder,
  stamp: string,
): Promise<{ cohort: CohortAnswer; certificateNumber: string }> {
  const course = await newCourse(admin, { ceHours: 24, ceAccreditor: 'Test Board' });
  const cohort = await newCohort(admin, course.id, {
    title: `CE roster ${stamp}`,
    startDate: dayFromToday(-70),
    ceEligible: true,
  });
  await call(admin, 'POST', `/cohorts/${cohort.id}/enrollments`, {
    userId: holder.id,
    requestCe: true,
    licenseNumber: '=PSY-77',
  });
  for (const session of cohort.sessions) {
    await call(
      admin,
      'PUT',
      `/cohorts/${cohort.id}/sessions/${session.id}/attendance`,
      { records: [{ userId: holder.id, status: 'present' }] },
      200,
    );
  }
  await call(admin, 'POST', `/cohorts/${cohort.id}/complete`, undefined, 202);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mine = await call<{ items: { cohortId: string; certificateNumber: string }[] }>(
      holder.token,
      'GET',
      '/me/ce-credits',
    );
    const credit = mine.items.find((c) => c.cohortId === cohort.id);
    if (credit) return { cohort, certificateNumber: credit.certificateNumber };
    if (Date.now() > deadline) throw new Error('no CE credit was issued');
    await new Promise((r) => setTimeout(r, 250));
  }
}

const verify = (id: string) =>
  call<{ status: string; valid: boolean }>(null, 'GET', `/credentials/${id}/verify`);

describe('Admin credentials (web)', () => {
  let web: WebPage;
  let admin: string;
  let holder: Holder;
  let credentialId: string;
  let stamp: string;

  beforeAll(async () => {
    admin = await adminToken();
    stamp = Date.now().toString(36);
    holder = await newHolder(`Quintana, Rosa ${stamp}`);
    credentialId = await issuedCredential(admin, holder);
  });

  afterAll(() => disconnectBrowser());
  beforeEach(async () => {
    web = await openPage({ width: 360, height: 800 });
  });
  afterEach(() => web.close());

  const overflow = () =>
    web.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );

  it('should find a credential by holder, suspend, reinstate and revoke it with a reason', async () => {
    const { page } = web;
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/credentials');
    await page.getByRole('heading', { name: 'Credentials', level: 1 }).waitFor();

    await page.getByRole('searchbox', { name: 'Search' }).fill(`quintana, rosa ${stamp}`);
    const card = page.getByRole('listitem').filter({ hasText: holder.name });
    await card.getByRole('heading', { name: holder.name }).waitFor();
    await page.getByText('Showing 1–1 of 1').waitFor();
    await card.getByText('Valid', { exact: true }).waitFor();
    await card.getByText('Trained MSC Teacher').waitFor();
    expect(
      await card.getByRole('link', { name: 'Verification page' }).getAttribute('href'),
    ).toMatch(new RegExp(`/verify/${credentialId}$`));
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-credentials');

    // Suspend: a reason is required before anything is sent.
    await card.getByRole('button', { name: 'Suspend' }).click();
    const suspendDialog = page.getByRole('dialog', { name: /Suspend/ });
    await suspendDialog.getByRole('button', { name: 'Suspend credential' }).click();
    await suspendDialog.getByText('Say why').waitFor();
    expect(await suspendDialog.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
    expect((await verify(credentialId)).status).toBe('active');
    await suspendDialog.getByLabel('Reason').fill('Complaint under review');
    expect(await seriousViolations(page)).toEqual([]);
    await suspendDialog.getByRole('button', { name: 'Suspend credential' }).click();
    await suspendDialog.waitFor({ state: 'detached' });
    await card.getByText('Suspended', { exact: true }).waitFor();
    await card.getByText('Reason: Complaint under review').waitFor();
    await page.getByText(`${holder.name}’s Trained MSC Teacher credential is suspended.`).waitFor();
    expect(await verify(credentialId)).toMatchObject({ status: 'suspended', valid: false });

    // Reinstate, by keyboard.
    const reinstate = card.getByRole('button', { name: 'Reinstate' });
    await reinstate.focus();
    await page.keyboard.press('Enter');
    await card.getByText('Valid', { exact: true }).waitFor();
    expect(await verify(credentialId)).toMatchObject({ status: 'active', valid: true });

    // Revoke with a reason; cancelling first changes nothing.
    await card.getByRole('button', { name: 'Revoke' }).click();
    let revokeDialog = page.getByRole('dialog', { name: /Revoke/ });
    await revokeDialog.getByText('Revoking is for good').waitFor();
    await revokeDialog.getByRole('button', { name: 'Cancel' }).click();
    await revokeDialog.waitFor({ state: 'detached' });
    expect((await verify(credentialId)).status).toBe('active');
    await card.getByRole('button', { name: 'Revoke' }).click();
    revokeDialog = page.getByRole('dialog', { name: /Revoke/ });
    await revokeDialog.getByLabel('Reason').fill('Issued in error');
    await revokeDialog.getByRole('button', { name: 'Revoke credential' }).click();
    await revokeDialog.waitFor({ state: 'detached' });
    await card.getByText('Revoked', { exact: true }).waitFor();
    await card.getByText('Reason: Issued in error').waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    expect(await verify(credentialId)).toMatchObject({ status: 'revoked', valid: false });

    // The filters: it is among the revoked trained teachers, not among the suspended ones.
    await page.getByLabel('Status').selectOption({ label: 'Revoked' });
    await page.getByLabel('Designation').selectOption({ label: 'Trained MSC Teacher' });
    await card.waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Suspended' });
    await page.getByText('No credential matches these filters').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });

  it("should list a cohort's CE credits, download its roster as CSV and re-issue", async () => {
    const { page } = web;
    const { cohort, certificateNumber } = await ceCohortWithCredit(admin, holder, stamp);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/credentials');
    const section = page.getByRole('region', { name: 'CE credits' });
    await section.getByLabel('Cohort').selectOption(cohort.id);
    const credit = section.getByRole('listitem').filter({ hasText: holder.name });
    await credit.waitFor();
    await credit.getByText(certificateNumber).waitFor();
    await credit.getByText('Hours: 24').waitFor();
    await section.getByText('1 CE credit', { exact: true }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-credentials-ce');

    const downloading = page.waitForEvent('download');
    await section.getByRole('link', { name: 'Download CE roster (CSV)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`ce-roster-${cohort.id}.csv`);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const lines = Buffer.concat(chunks).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('name,license_number,hours,certificate_number,issued_at');
    // The comma in the name is quoted, the formula-looking license number defused.
    expect(lines[1]).toMatch(
      new RegExp(`^"Quintana, Rosa ${stamp}",'=PSY-77,24\\.00,${certificateNumber},\\d{4}-`),
    );
    expect(lines.slice(2)).toEqual(['']);

    // Re-issuing is recorded and queued; the credit already issued stays listed.
    await section.getByRole('button', { name: 'Re-issue CE credits' }).click();
    await section.getByText('Issuance is queued').waitFor();
    const events = await call<{ items: { action: string; subject: string }[] }>(
      admin,
      'GET',
      `/audit-events?action=ce_credits.issuance_requested&subject=cohort/${cohort.id}`,
    );
    expect(events.items).toHaveLength(1);
    await credit.getByText(certificateNumber).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });
});
