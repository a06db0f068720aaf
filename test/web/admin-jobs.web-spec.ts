// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { jest } from '@jest/globals';
import { Queue } from 'bullmq';
import { ADMIN, openPage, seriousViolations, signIn, type WebPage } from './browser.js';
import { adminToken, call } from './trainee-data.js';

jest.setTimeout(120_000);

interface Overview {
  queues: { queue: string; failed: number; waiting: number }[];
  items: { queue: string; id: string; name: string; failedReason: string }[];
}

/**
 * A job that fails at once, as the e2e test makes one: added to the server's notifications queue
 * under a name no processor handles, with one attempt (the worker refuses it as unrecoverable).
 * The server's Redis prefix follows its database's name (global-setup: msc_test_<run>_web and
 * msc-test-<run>-web).
 */
async function failedJob(admin: string, jobId: string): Promise<void> {
  const url = process.env.MSC_WEB_DATABASE_URL;
  if (!url) throw new Error('MSC_WEB_DATABASE_URL is unset: run the "web" project');
  const run = /^msc_test_(.+)_web$/.exec(new URL(url).pathname.slice(1))?.[1];
  if (!run) throw new Error(`cannot tell the web server's run from ${url}`);
  const redis = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const queue = new Queue('notifications', {
    connection: { host: redis.hostname, port: Number(redis.port || 6379) },
    prefix: `msc-test-${run}-web`,
  });
  try {
    await queue.add('web-test-broken', {}, { jobId, attempts: 1 });
  } finally {
    await queue.close();
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const overview = await call<Overview>(admin, 'GET', '/admin/jobs?queue=notifications');
    if (overview.items.some((j) => j.id === jobId)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`job ${jobId} did not fail within 30 s`);
}

describe('Admin background jobs (web)', () => {
  let web: WebPage;
  let admin: string;

  beforeAll(async () => {
    admin = await adminToken();
  });
  beforeEach(async () => {
    web = await openPage({ width: 360, height: 800 });
  });
  afterEach(() => web.close());

  it('should show the counts per queue and a failed job with its reason, retry it and run reconciliation', async () => {
    const { page, problems } = web;
    const jobId = `web-test-broken-${Date.now().toString(36)}`;
    await failedJob(admin, jobId);

    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/jobs');
    await page.getByRole('heading', { name: 'Background jobs', level: 1 }).waitFor();
    // The admin navigation lists the page (behind the menu button at this width).
    expect(await page.locator('nav a[href="/admin/jobs"]').count()).toBe(1);

    const queues = page.getByRole('region', { name: 'Queues' });
    await queues.getByRole('columnheader', { name: 'Failed' }).waitFor();
    await queues.getByRole('columnheader', { name: 'Waiting' }).waitFor();
    const notifications = queues.getByRole('row', { name: /Notifications and e-mail/ });
    const failedCell = notifications.getByRole('cell').first();
    expect(Number(await failedCell.innerText())).toBeGreaterThanOrEqual(1);
    expect(await queues.getByRole('row').count()).toBe(7);

    const failed = page.getByRole('region', { name: 'Failed jobs' });
    const card = failed.getByRole('listitem').filter({ hasText: jobId });
    await card.getByText(/Reason: .*no handler for job "web-test-broken"/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await card.getByRole('button', { name: `Retry web-test-broken job ${jobId}` }).click();
    await card
      .getByRole('status')
      .getByText(/Queued again/)
      .waitFor();
    const audit = await call<{ items: { action: string }[] }>(
      admin,
      'GET',
      `/audit-events?subject=${encodeURIComponent(`job/notifications/${jobId}`)}`,
    );
    expect(audit.items.map((e) => e.action)).toContain('jobs.retried');

    await page.getByRole('button', { name: 'Run reconciliation now' }).click();
    await page
      .getByRole('status')
      .getByText(/Reconciliation queued \(job reconcile\.manual\.\d+\)/)
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    expect(problems).toEqual([]);
  });
});
