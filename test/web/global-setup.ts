import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';

// Self-contained: jest loads global setups outside its module system (no .js → .ts mapping).

/**
 * Chromium's headless shell when Debian's package is there (chromium-headless-shell: the same
 * Blink and V8 without the desktop browser's machinery, about a third less of the run's CPU), else
 * the full browser. CHROMIUM_PATH names another.
 */
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) ??
  '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The server's first admin (ADMIN_EMAIL), handed to the tests as MSC_WEB_ADMIN_*. */
export const WEB_ADMIN = { email: 'web-admin@example.org', password: 'a long admin password' };

/** What the global setup hands its teardown. */
export interface WebTestGlobals {
  server: ChildProcess;
  browser: BrowserServer;
  database: string;
  redisPrefix: string;
  /** This run's build (BUILD_DIR/<run>), removed at the end. */
  buildDir: string;
  /** The server's output so far (the last 256 KB), for the teardown to show its errors. */
  serverOutput(): string;
}

/**
 * Where the web tests build: beside the dependencies, never dist/. tsc compiles incrementally
 * into a shared folder; each run then copies that and builds the app into its own folder, so runs
 * side by side never serve each other's half-written assets.
 */
export const BUILD_DIR = join(process.cwd(), 'node_modules', '.cache', 'msc-web-test');
const SHARED_DIST = join(BUILD_DIR, 'shared', 'dist');
const mainOf = (dist: string) => join(dist, 'apps', 'server', 'src', 'main.js');

/** Runs a build step without blocking the event loop, so that two steps can run side by side. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // jest sets NODE_ENV=test, which would give vite React's development build.
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed:\n${output}`)),
    );
  });
}

/**
 * Builds what `npm run build` builds (the API with tsc, the app with vite) into
 * BUILD_DIR/<run>/dist and returns that folder. The two compilers run side by side: each keeps
 * one core busy, and neither reads what the other writes.
 */
export async function buildServer(runName: string): Promise<string> {
  const bin = (name: string) => join(process.cwd(), 'node_modules', '.bin', name);
  const dist = join(BUILD_DIR, runName, 'dist');
  mkdirSync(dist, { recursive: true });
  const app = run(bin('vite'), [
    'build',
    '--config',
    'apps/web/vite.config.ts',
    '--outDir',
    join(dist, 'web'),
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
  const api = run(bin('tsc'), [
    '-p',
    'tsconfig.build.json',
    '--outDir',
    SHARED_DIST,
    '--incremental',
    '--tsBuildInfoFile',
    join(BUILD_DIR, 'shared', 'tsbuildinfo'),
    // Emit only: the same JavaScript, and the types are npm run check's business.
    '--noCheck',
  ]).then(async () => {
    if (!existsSync(mainOf(SHARED_DIST))) throw new Error(`tsc emitted no ${mainOf(SHARED_DIST)}`);
    cpSync(SHARED_DIST, dist, { recursive: true });
    await run(bin('tsc-alias'), ['-p', 'tsconfig.build.json', '--outDir', dist]);
  });
  // Both settle before a failure is reported, so that no compiler outlives the setup.
  const [built, bundled] = await Promise.allSettled([api, app]);
  for (const result of [built, bundled])
    if (result.status === 'rejected') throw result.reason as Error;
  return dist;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Starts `node dist/apps/server/src/main.js` (API and worker) and waits until it is ready. */
export async function startServer(
  dist: string,
  env: Record<string, string>,
  port: number,
): Promise<{ child: ChildProcess; output(): string }> {
  const child = spawn(process.execPath, [mainOf(dist)], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-256_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) return { child, output: () => output };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the server was not ready within 90 s:\n${output}`);
}

/**
 * One server and one browser for the whole web project: the real built server (`npm run build`
 * output) as a child process on a free port, its own database (created and migrated by the
 * server at start, as `npm start` does) and Redis prefix; test files connect to one Chromium.
 */
export default async function globalSetup(): Promise<void> {
  // Named like the e2e databases (msc_test_<base36 time>…), so a crashed run's is dropped later.
  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const database = `msc_test_${run}_web`;
  const url = new URL(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  url.pathname = `/${database}`;
  const dist = await buildServer(run);
  const port = await freePort();
  const { child: server, output: serverOutput } = await startServer(
    dist,
    {
      NODE_ENV: 'test',
      DATABASE_URL: url.toString(),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `msc-test-${run}-web`,
      DATA_DIR: `/tmp/msc-test-data/${run}-web`,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      AUTH_REQUESTS_PER_ADDRESS_PER_MINUTE: '10000',
      OUTBOX_POLL_INTERVAL_MS: '200',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      // The first admin, for tests that set up courses and cohorts through the API.
      ADMIN_EMAIL: WEB_ADMIN.email,
      ADMIN_PASSWORD: WEB_ADMIN.password,
    },
    port,
  );
  const browser = await chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const globals: WebTestGlobals = {
    server,
    browser,
    database: url.toString(),
    redisPrefix: `msc-test-${run}-web`,
    buildDir: join(BUILD_DIR, run),
    serverOutput,
  };
  (globalThis as { mscWeb?: WebTestGlobals }).mscWeb = globals;
  process.env.MSC_WEB_BASE_URL = `http://127.0.0.1:${port}`;
  process.env.MSC_WEB_BROWSER = browser.wsEndpoint();
  process.env.MSC_WEB_ADMIN_EMAIL = WEB_ADMIN.email;
  process.env.MSC_WEB_ADMIN_PASSWORD = WEB_ADMIN.password;
  // For factories that make what the API has no shortcut for (test/web/credentials.web-spec.ts).
  process.env.MSC_WEB_DATABASE_URL = url.toString();
}
