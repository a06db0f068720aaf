// Data for the trainee pages' browser tests, made through the real API as an admin would.
import type { Page } from 'playwright-core';
import { baseUrl, registerByApi, uniqueEmail } from './browser.js';

export const PASSWORD = 'a long enough password';

type Json = Record<string, unknown>;

/** Calls the API with a bearer token; throws with the answer when the status is not `expect`. */
export async function call<T = Json>(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  expect = method === 'POST' ? 201 : 200,
): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expect) {
    throw new Error(`${method} ${path}: ${response.status} ${text}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function tokenOf(email: string, password = PASSWORD): Promise<string> {
  const answer = await call<{ accessToken: string }>(
    null,
    'POST',
    '/auth/login',
    { email, password },
    200,
  );
  return answer.accessToken;
}

/** The server's first admin (ADMIN_EMAIL from the web tests' global setup). */
export function adminToken(): Promise<string> {
  const email = process.env.MSC_WEB_ADMIN_EMAIL;
  const password = process.env.MSC_WEB_ADMIN_PASSWORD;
  if (!email || !password) throw new Error('MSC_WEB_ADMIN_EMAIL is unset: run the "web" project');
  return tokenOf(email, password);
}

export interface Trainee {
  email: string;
  token: string;
  id: string;
}

/** A new trainee in Europe/Lisbon, registered through the API. */
export async function newTrainee(name = 'trainee'): Promise<Trainee> {
  const email = uniqueEmail(name);
  await registerByApi(email, PASSWORD);
  const token = await tokenOf(email);
  const me = await call<{ id: string }>(token, 'GET', '/me');
  return { email, token, id: me.id };
}

let courseCounter = 0;

/** A course through POST /courses (an 8-week MSC course unless told otherwise). */
export async function newCourse(
  admin: string,
  overrides: Json = {},
): Promise<{ id: string; title: string }> {
  courseCounter += 1;
  const code = `W${Date.now().toString(36)}${courseCounter}`.toUpperCase();
  return call(admin, 'POST', '/courses', {
    code,
    title: `Mindful Self-Compassion ${code}`,
    format: 'msc_8_week',
    sessionCount: 8,
    sessionMinutes: 150,
    completionMinSessions: 6,
    ...overrides,
  });
}

/** YYYY-MM-DD, `days` from today (UTC). */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export interface CohortAnswer {
  id: string;
  title: string;
  status: string;
  sessions: { id: string; number: number; startsAt: string }[];
}

/** A cohort through POST /cohorts, once its sessions are planned (status `open`). */
export async function newCohort(
  admin: string,
  courseId: string,
  body: Json,
): Promise<CohortAnswer> {
  const created = await call<CohortAnswer>(admin, 'POST', '/cohorts', {
    courseId,
    localTime: '19:00',
    timeZone: 'Europe/Lisbon',
    capacity: 10,
    ceEligible: false,
    ...body,
  });
  const deadline = Date.now() + 15_000;
  let cohort = created;
  while (cohort.status === 'scheduling' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    cohort = await call<CohortAnswer>(admin, 'GET', `/cohorts/${created.id}`);
  }
  if (cohort.status !== 'open') throw new Error(`cohort ${created.id} is ${cohort.status}`);
  return cohort;
}

/** Signs in through /login as a person would, and waits for the start page. */
export async function signInAs(page: Page, email: string, path = '/'): Promise<void> {
  await page.goto(`/login?redirect=${encodeURIComponent(path)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === path);
}
