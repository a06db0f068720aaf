// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** The built server the global setup started. */
export const baseUrl = process.env.MSC_WEB_BASE_URL ?? 'http://127.0.0.1:3000';

let browser: Browser | undefined;

/** The project's one Chromium (launched by the global setup); each test file connects once. */
export async function connectBrowser(): Promise<Browser> {
  const endpoint = process.env.MSC_WEB_BROWSER;
  if (!endpoint) throw new Error('MSC_WEB_BROWSER is unset: run through the jest project "web"');
  browser ??= await chromium.connect(endpoint);
  return browser;
}

/** Closes this test file's connection to the shared browser (the browser itself stays). */
export async function disconnectBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/** A page with its own cookies and storage, which records what a person should never see. */
export interface WebPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors, console errors and failed requests that are not expected API answers. */
  problems: string[];
  /** Every API call the page made, as `<method> <path> → <status or failure>`, in order. */
  apiCalls: string[];
  close(): Promise<void>;
}

export async function openPage(
  options: { width?: number; height?: number } = {},
): Promise<WebPage> {
  const context = await (
    await connectBrowser()
  ).newContext({
    baseURL: baseUrl,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: 'en-US',
    timezoneId: 'Europe/Lisbon',
  });
  // Inside a journey's time limit, so that a missing control fails with its own message.
  context.setDefaultTimeout(25_000);
  const page = await context.newPage();
  const problems: string[] = [];
  const apiCalls: string[] = [];
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  page.on('request', (request) => {
    if (isApi(request.url()))
      apiCalls.push(`${request.method()} ${new URL(request.url()).pathname} → (waiting)`);
  });
  const answered = (method: string, url: string, outcome: string) => {
    const asked = `${method} ${new URL(url).pathname} → (waiting)`;
    const at = apiCalls.indexOf(asked);
    if (at >= 0) apiCalls[at] = asked.replace('(waiting)', outcome);
  };
  page.on('requestfinished', (request) => {
    if (!isApi(request.url())) return;
    void request
      .response()
      .then((response) =>
        answered(request.method(), request.url(), String(response?.status() ?? 'no answer')),
      )
      .catch(() => undefined);
  });
  page.on('requestfailed', (request) => {
    if (isApi(request.url()))
      answered(request.method(), request.url(), `failed: ${request.failure()?.errorText}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    // A refused API call (401, 400, …) shows as "Failed to load resource"; those are checked by
    // the answers themselves, so only the other console errors count here.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 500) problems.push(`${response.status()} ${path}`);
    if (response.status() === 404 && !path.startsWith('/api/')) problems.push(`404 ${path}`);
  });
  return { page, context, problems, apiCalls, close: () => context.close() };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (WCAG 2.x A/AA rules); returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // evaluate is not subject to the page's CSP, which forbids inline scripts. Once per document:
  // a page checked twice without navigating has axe already (parsing it again costs the most).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  // A dialog fading in has the colours of half its opacity: judge what the person will see, once
  // the transitions running now have ended (never waiting for an endless one, a loader's spin).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, o: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

/** The first admin the server made at start (global setup: MSC_WEB_ADMIN_*). */
export const ADMIN = {
  email: process.env.MSC_WEB_ADMIN_EMAIL ?? '',
  password: process.env.MSC_WEB_ADMIN_PASSWORD ?? '',
} as const;

/** Signs in on /login as a person would, and waits until the app has left the sign-in page. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

let counter = 0;

/** An e-mail address no other test uses. */
export function uniqueEmail(name = 'trainee'): string {
  counter += 1;
  return `${name}-${Date.now().toString(36)}-${counter}@example.org`;
}

/** Registers a trainee through the API (bearer transport), for tests that start signed out. */
export async function registerByApi(
  email: string,
  password = 'a long enough password',
  displayName = 'Test Trainee',
): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, displayName, timeZone: 'Europe/Lisbon' }),
  });
  if (response.status !== 201)
    throw new Error(`register ${response.status}: ${await response.text()}`);
}

/** Writes docs/screenshots/<name>.png when MSC_WEB_SCREENSHOTS is set (npm run screenshots). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.MSC_WEB_SCREENSHOTS) return;
  mkdirSync('docs/screenshots', { recursive: true });
  // From the top: a page scrolled down would draw its fixed header and navigation mid-picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}
