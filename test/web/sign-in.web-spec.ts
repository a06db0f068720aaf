// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import {
  disconnectBrowser,
  openPage,
  registerByApi,
  screenshot,
  seriousViolations,
  uniqueEmail,
  type WebPage,
} from './browser.js';

const PASSWORD = 'a long enough password';
/** A journey's time limit: the browser, the server and the build share two busy cores. */
const JOURNEY_MS = 120_000;

async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function expectCleanPage(web: WebPage): Promise<void> {
  expect(await seriousViolations(web.page)).toEqual([]);
  expect(web.problems).toEqual([]);
}

afterAll(() => disconnectBrowser());

describe('Signing in (web)', () => {
  let web: WebPage;

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it(
    'should register with the browser zone preset and land signed in on My pathway',
    async () => {
      const { page } = web;
      await page.goto('/register');
      await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe('Europe/Lisbon');
      await expectCleanPage(web);
      await screenshot(page, 'register');

      await page.getByLabel('Display name').fill('Ana Pereira');
      await page.getByLabel('Email').fill(uniqueEmail());
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();

      await page.getByRole('heading', { name: 'My pathway' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      const firstStage = page.getByRole('progressbar', { name: 'MSC course' });
      await firstStage.waitFor();
      expect(await firstStage.getAttribute('aria-valuenow')).toBe('0');
      expect(await page.getByRole('progressbar').count()).toBeGreaterThanOrEqual(5);
      await page.getByRole('heading', { name: 'Next steps' }).waitFor();
      const steps = page.getByRole('region', { name: 'Next steps' }).getByRole('link');
      expect(await steps.count()).toBeGreaterThan(0);
      expect(await steps.first().getAttribute('href')).toMatch(/^\/(cohorts|my-courses)$/);
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: 'Practice' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Recordings to assess' }).count()).toBe(0);
      await expectCleanPage(web);
      await screenshot(page, 'my-pathway');
    },
    JOURNEY_MS,
  );

  it(
    'should keep the person signed in across a reload, and sign out on the server',
    async () => {
      const { page } = web;
      const email = uniqueEmail();
      await registerByApi(email, PASSWORD);
      await page.goto('/login');
      await signIn(page, email);
      await page.getByRole('heading', { name: 'My pathway' }).waitFor();

      await page.reload();
      await page.getByRole('heading', { name: 'My pathway' }).waitFor();

      const cookie = (await web.context.cookies()).find((c) => c.name === 'msc_refresh');
      expect(cookie?.httpOnly).toBe(true);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');

      // The old cookie was revoked server-side: replaying it gets no new session.
      const replay = await fetch(new URL('/api/v1/auth/refresh', page.url()), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-MSC-Client': 'web',
          Cookie: `msc_refresh=${cookie?.value}`,
        },
        body: '{}',
      });
      expect(replay.status).toBe(401);
      await page.goto('/');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(web.problems).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'should show an error on /login for a wrong password, without leaving the page',
    async () => {
      const { page } = web;
      const email = uniqueEmail();
      await registerByApi(email, PASSWORD);
      await page.goto('/login');
      await screenshot(page, 'login');
      await signIn(page, email, 'not the password at all');

      await page.getByRole('alert').getByText('not right').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      await expectCleanPage(web);
    },
    JOURNEY_MS,
  );

  it(
    'should sign in with the keyboard alone',
    async () => {
      const { page } = web;
      const email = uniqueEmail();
      await registerByApi(email, PASSWORD);
      await page.goto('/login');
      await page.getByLabel('Email').waitFor();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+Tab');
      // The e-mail field has the focus from the start; Tab moves on in reading order.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('email');
      await page.keyboard.type(email);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe(
        'password',
      );
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'My pathway' }).waitFor();
      expect(web.problems).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'should send a deep link while signed out to /login and back after signing in',
    async () => {
      const { page } = web;
      const email = uniqueEmail();
      await registerByApi(email, PASSWORD);
      await page.goto('/practice');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      const here = new URL(page.url());
      expect(here.pathname).toBe('/login');
      expect(here.searchParams.get('redirect')).toBe('/practice');

      await signIn(page, email);
      await page.getByRole('heading', { name: 'Practice' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/practice');
      expect(web.problems).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'should accept a reset request on /forgot-password and refuse a bad reset link',
    async () => {
      const { page } = web;
      await page.goto('/login');
      await page.getByRole('link', { name: 'Forgot password' }).click();
      // The sign-in page has an Email field too: fill the reset page's, once it is there.
      await page.getByRole('button', { name: 'Send reset link' }).waitFor();
      await page.getByLabel('Email').fill(uniqueEmail('forgetful'));
      await expectCleanPage(web);
      await screenshot(page, 'forgot-password');
      await page.getByRole('button', { name: 'Send reset link' }).click();
      // The answer, whichever it is: a refusal fails here with its own words, not a timeout.
      const answer = page.getByRole('status').or(page.getByRole('alert')).first();
      await answer.waitFor().catch((error: Error) => {
        throw new Error(`${error.message}\nThe page's API calls:\n${web.apiCalls.join('\n')}`);
      });
      expect(await answer.textContent()).toContain('reset link is on its way');

      await page.goto('/reset-password?token=not-a-real-token');
      await page.getByLabel('New password').fill('a brand new password');
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByRole('alert').waitFor();
      expect(new URL(page.url()).pathname).toBe('/reset-password');
      await expectCleanPage(web);
    },
    JOURNEY_MS,
  );
});

describe('My pathway at 360 px (web)', () => {
  it(
    'should fit the width and open the navigation from the menu button',
    async () => {
      const web = await openPage({ width: 360, height: 740 });
      try {
        const { page } = web;
        const email = uniqueEmail();
        await registerByApi(email, PASSWORD);
        await page.goto('/login');
        await signIn(page, email);
        await page.getByRole('progressbar', { name: 'MSC course' }).waitFor();

        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await expectCleanPage(web);
        await screenshot(page, 'my-pathway-360');

        await page.getByRole('button', { name: 'Open navigation' }).click();
        await page.getByRole('navigation').getByRole('link', { name: 'Practice' }).click();
        await page.getByRole('heading', { name: 'Practice' }).waitFor();
      } finally {
        await web.close();
      }
    },
    JOURNEY_MS,
  );
});
