// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import {
  disconnectBrowser,
  openPage,
  screenshot,
  seriousViolations,
  type WebPage,
} from './browser.js';
import {
  adminToken,
  call,
  dayFromToday,
  newCohort,
  newCourse,
  newTrainee,
  signInAs,
  type Trainee,
} from './trainee-data.js';

interface CeCredits {
  items: { id: string; hours: number; certificateNumber: string; certificateUrl: string }[];
}

describe('CE credits (web)', () => {
  let web: WebPage;
  let trainee: Trainee;
  let courseTitle: string;
  let credit: CeCredits['items'][number];

  beforeAll(async () => {
    const admin = await adminToken();
    const course = await newCourse(admin, { ceHours: 24, ceAccreditor: 'Test Board' });
    courseTitle = course.title;
    // An earlier cohort, every session over: the admin records it, its attendance and completion.
    const cohort = await newCohort(admin, course.id, {
      title: `Last spring ${Date.now().toString(36)}`,
      startDate: dayFromToday(-70),
      ceEligible: true,
    });
    trainee = await newTrainee('ce');
    await call(admin, 'POST', `/cohorts/${cohort.id}/enrollments`, {
      userId: trainee.id,
      requestCe: true,
      licenseNumber: 'PSY-77',
    });
    for (const session of cohort.sessions) {
      await call(
        admin,
        'PUT',
        `/cohorts/${cohort.id}/sessions/${session.id}/attendance`,
        { records: [{ userId: trainee.id, status: 'present' }] },
        200,
      );
    }
    await call(admin, 'POST', `/cohorts/${cohort.id}/complete`, undefined, 202);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const mine = await call<CeCredits>(trainee.token, 'GET', '/me/ce-credits');
      if (mine.items.length) {
        credit = mine.items[0]!;
        break;
      }
      if (Date.now() > deadline) throw new Error('no CE credit was issued');
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 90_000);

  afterAll(() => disconnectBrowser());

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should show hours and certificate number, and link the certificate PDF', async () => {
    const { page } = web;
    await signInAs(page, trainee.email, '/ce-credits');
    const card = page.getByRole('listitem').filter({ hasText: courseTitle });
    await card.getByRole('heading', { name: courseTitle }).waitFor();
    await card.getByText('24 hours').waitFor();
    await card.getByText(credit.certificateNumber).waitFor();
    const link = card.getByRole('link', { name: 'Download certificate' });
    // A signed link, made afresh with each answer: the same certificate, a newer expiry.
    const href = (await link.getAttribute('href')) ?? '';
    expect(new URL(href).pathname).toBe(new URL(credit.certificateUrl).pathname);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'ce-credits');

    // The link opens the PDF without an Authorization header (a signed link).
    const pdf = await fetch(href);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // Followed with the keyboard, it opens in a new tab. That tab asks for the signed link: what it
    // then shows (a PDF viewer, or a download where the browser has no viewer) is the browser's.
    const opened = web.context.waitForEvent('page');
    const asked = web.context.waitForEvent('request', (request) => request.url() === href);
    await link.focus();
    await page.keyboard.press('Enter');
    const tab = await opened;
    expect((await asked).frame().page()).toBe(tab);
    await tab.close();
    expect(web.problems).toEqual([]);
  }, 90_000);

  it('should say how CE credits are earned when there are none, at 360 px wide', async () => {
    await web.close();
    web = await openPage({ width: 360, height: 740 });
    const { page } = web;
    const newcomer = await newTrainee('no-ce');
    await signInAs(page, newcomer.email, '/ce-credits');
    await page.getByText('No CE credits yet').waitFor();
    await page.getByRole('link', { name: 'Find a cohort' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  }, 60_000);
});
