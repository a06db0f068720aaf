// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
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
  type Trainee,
} from './trainee-data.js';

interface Inbox {
  items: { id: string; title: string; createdAt: string; readAt: string | null }[];
  unread: number;
}

/** Waits until the outbox has delivered `count` notifications to the person. */
async function inboxOf(token: string, count: number): Promise<Inbox> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const inbox = await call<Inbox>(token, 'GET', '/me/notifications');
    if (inbox.items.length >= count) return inbox;
    if (Date.now() > deadline) throw new Error(`inbox: ${JSON.stringify(inbox)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('Notifications (web)', () => {
  let web: WebPage;
  let trainee: Trainee;
  let inbox: Inbox;

  beforeAll(async () => {
    const admin = await adminToken();
    const course = await newCourse(admin);
    trainee = await newTrainee('inbox');
    for (const [title, days] of [
      ['Autumn mornings', 20],
      ['Winter evenings', 40],
    ] as const) {
      const cohort = await newCohort(admin, course.id, {
        title: `${title} ${Date.now().toString(36)}`,
        startDate: dayFromToday(days),
      });
      await call(trainee.token, 'POST', `/cohorts/${cohort.id}/enrollments`, {});
      // One after the other, so that "newest first" has an order to show.
      await inboxOf(trainee.token, days === 20 ? 1 : 2);
    }
    inbox = await inboxOf(trainee.token, 2);
  }, 60_000);

  afterAll(() => disconnectBrowser());

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should show the inbox newest first with unread marked, mark one and then all as read', async () => {
    const { page } = web;
    await signInAs(page, trainee.email, '/notifications');
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    // A notification delivered by the worker after the set-up read (the welcome) is counted too.
    inbox = await inboxOf(trainee.token, 2);
    await page.reload();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByText(`${inbox.unread} unread notifications`).waitFor();
    // The navigation counts them too, on every page.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: new RegExp(`Notifications.*${inbox.unread} unread`) })
      .waitFor();

    const items = page.getByRole('main').getByRole('listitem');
    expect(await items.count()).toBe(inbox.items.length);
    const shown = await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();
    expect(shown).toEqual(inbox.items.map((n) => n.title));
    expect(Date.parse(inbox.items[0]!.createdAt)).toBeGreaterThan(
      Date.parse(inbox.items[1]!.createdAt),
    );
    expect(await page.getByText('Unread', { exact: true }).count()).toBe(inbox.unread);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'notifications');

    const newest = page.getByRole('listitem').filter({ hasText: inbox.items[0]!.title }).first();
    await newest.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByText(`${inbox.unread - 1} unread notification`).waitFor();
    await newest.getByText('Unread', { exact: true }).waitFor({ state: 'detached' });
    expect(
      (await call<Inbox>(trainee.token, 'GET', '/me/notifications')).items[0]!.readAt,
    ).not.toBe(null);

    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByText('Everything is read').waitFor();
    await page.waitForFunction(
      () => ![...document.querySelectorAll('nav a')].some((a) => a.textContent?.includes('unread')),
    );
    expect(await page.getByText('Unread', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mark all as read' }).isDisabled()).toBe(true);
    expect((await call<Inbox>(trainee.token, 'GET', '/me/notifications')).unread).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  }, 90_000);

  it('should say what arrives here when the inbox is empty, at 360 px wide', async () => {
    await web.close();
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    // Made by an admin: no welcome notification, so the inbox is empty.
    const email = uniqueEmail('empty-inbox');
    await call(await adminToken(), 'POST', '/users', {
      email,
      displayName: 'Quiet Trainee',
      password: PASSWORD,
      roles: ['trainee'],
    });
    await signInAs(page, email, '/notifications');
    await page.getByText('No notifications yet').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  }, 60_000);
});
