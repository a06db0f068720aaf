/**
 * The bench's raw servers, node:http and pg and nothing else, each in a child process of its own
 * (BENCH_RAW_MODE):
 * - `pk`: the floor of the stack, one primary-key select of the caller's user;
 * - `replay`: the platform's own statements for the same request, captured from the platform at
 *   run time (bench/sql-capture.ts), run in the same order on one pooled connection per request;
 * - `login`: the user's password hash by e-mail and the same argon2 verify the platform does.
 * Tells its parent `{ ready: port }` once listening; ends when the parent goes.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import pg from 'pg';
import type { CapturedStatement } from './sql-capture.js';

/** What the replay server answers: captured statements by request, and templates for writes. */
export interface ReplayPlan {
  /** `METHOD url authorization` → the statements the platform sent for that request. */
  requests: Record<string, CapturedStatement[]>;
  /**
   * Requests of one shape for many people (an enrollment): the probe's statements, with the
   * probe's user and cohort ids replaced by the request's (the token's subject, the path's id).
   */
  templates: {
    method: string;
    pattern: string;
    statements: CapturedStatement[];
    probeUserId: string;
    probeCohortId: string;
    /** Ids the platform made for the probe (they are in its answer): new ones for every request. */
    madeIds: string[];
  }[];
}

const mode = process.env.BENCH_RAW_MODE ?? 'pk';

/** Hashes at once: one per core, as the platform's hasher runs them (more would only thrash). */
const hashers = { free: availableParallelism(), waiting: [] as (() => void)[] };
async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (hashers.free > 0) hashers.free -= 1;
  else await new Promise<void>((resolve) => hashers.waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = hashers.waiting.shift();
    if (next) next();
    else hashers.free += 1;
  }
}
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});

function subjectOf(req: IncomingMessage): string | null {
  const token = req.headers.authorization?.replace(/^Bearer /, '');
  const payload = token?.split('.')[1];
  if (!payload) return null;
  const { sub } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: string };
  return sub ?? null;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const json = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

async function runAll(statements: CapturedStatement[]): Promise<unknown[][]> {
  const client = await pool.connect();
  const results: unknown[][] = [];
  try {
    for (const s of statements) {
      const result = await client.query(
        s.name
          ? { name: s.name, text: s.text, values: s.values }
          : { text: s.text, values: s.values },
      );
      results.push(result.rows as unknown[]);
    }
    client.release();
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  return results;
}

function substituted(
  statements: CapturedStatement[],
  replace: [from: string, to: string][],
): CapturedStatement[] {
  const swap = (text: string) => replace.reduce((t, [from, to]) => t.replaceAll(from, to), text);
  return statements.map((s) => ({
    ...s,
    text: swap(s.text),
    values: s.values.map((v) => (v === null ? v : swap(v))),
  }));
}

const plan: ReplayPlan | null =
  mode === 'replay'
    ? (JSON.parse(readFileSync(process.env.BENCH_REPLAY_PLAN!, 'utf8')) as ReplayPlan)
    : null;
const templates = (plan?.templates ?? []).map((t) => ({ ...t, regex: new RegExp(t.pattern) }));

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (mode === 'pk') {
    const rows = await pool.query(
      'SELECT id, email, display_name, roles, time_zone FROM users WHERE id = $1',
      [subjectOf(req)],
    );
    send(res, rows.rowCount ? 200 : 404, rows.rows[0] ?? null);
    return;
  }
  if (mode === 'login') {
    const { email, password } = JSON.parse(await body(req)) as { email: string; password: string };
    const rows = await pool.query<{ id: string; password_hash: string }>(
      'SELECT id, password_hash FROM users WHERE email = $1',
      [email],
    );
    const user = rows.rows[0];
    const ok = user ? await bounded(() => argon2.verify(user.password_hash, password)) : false;
    send(res, ok ? 200 : 401, ok ? { id: user!.id } : { status: 401 });
    return;
  }
  await body(req);
  const key = `${req.method} ${req.url} ${req.headers.authorization ?? ''}`;
  let statements = plan!.requests[key];
  if (!statements) {
    for (const t of templates) {
      const match = req.method === t.method ? t.regex.exec(req.url ?? '') : null;
      if (!match) continue;
      statements = substituted(t.statements, [
        [t.probeUserId, subjectOf(req) ?? ''],
        [t.probeCohortId, match[1]!],
        ...t.madeIds.map((id): [string, string] => [id, randomUUID()]),
      ]);
      break;
    }
  }
  if (!statements) {
    send(res, 404, { detail: `nothing captured for ${req.method} ${req.url}` });
    return;
  }
  const results = await runAll(statements);
  send(res, req.method === 'POST' ? 201 : 200, results.at(-1) ?? []);
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    if (!res.headersSent) send(res, 500, { detail: String(error) });
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ ready: true }));
process.on('disconnect', () => process.exit(0));
