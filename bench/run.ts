import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { loadConfig } from '@msc/config';
import { dropDatabase, ensureDatabase, prepareDatabase } from '@msc/db';
import { AccessTokens, type AppSecrets, PasswordHasher } from '@msc/domain/identity';
import { migrations } from '@msc/migrations';
import { measure, type LoadRequest, type Sample } from './load.js';
import {
  captureStatements,
  endCapture,
  type ServerProcess,
  startPlatform,
  startRaw,
} from './processes.js';
import type { ReplayPlan } from './raw-server.js';
import { benchCe, type CeFigures } from './ce.js';
import { firstLoadWeight, type WebWeight } from './web-weight.js';
import { printReport, ratiosOf, updateReadme, type CellResult } from './report.js';
import { BENCH_STAGES, seedCeCohort, seedPopulation, type SeedResult, stageLabel } from './seed.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SETTINGS = {
  rounds: env('BENCH_ROUNDS', 3),
  seconds: env('BENCH_DURATION_S', 3),
  warmupSeconds: env('BENCH_WARMUP_S', 1),
  connections: (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number),
  small: env('BENCH_SMALL', 1000),
  large: env('BENCH_LARGE', 100_000),
  openSmall: env('BENCH_OPEN_SMALL', 100),
  openLarge: env('BENCH_OPEN_LARGE', 2000),
  ceTrainees: env('BENCH_CE_TRAINEES', 5000),
  poolSize: env('BENCH_POOL_SIZE', 10),
  perStage: env('BENCH_TRAINEES_PER_STAGE', 10),
};
const PASSWORD = 'bench-password-1';
const JWT_SECRET = 'bench-jwt-secret-not-for-anything-else-0123456789';

/** Scenarios, by the name `npm run bench -- <name>` picks. */
const GROUPS = ['progress', 'enrollments', 'cohorts', 'enroll', 'login', 'ce', 'web'] as const;
type Group = (typeof GROUPS)[number];

const dist = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
const args = process.argv.slice(2);
const writeReadme = args.includes('--readme');
const picked = args.filter((a) => !a.startsWith('--'));
for (const name of picked)
  if (!GROUPS.includes(name as Group)) {
    console.error(`no scenario "${name}"; one of ${GROUPS.join(', ')}`);
    process.exit(2);
  }
const wanted = (group: Group) => picked.length === 0 || picked.includes(group);

const base = loadConfig();
const databaseUrl = (name: string) => {
  const url = new URL(base.DATABASE_URL);
  url.pathname = `/msc_bench_${run}_${name}`;
  return url.toString();
};
const tokenConfig = loadConfig({ ...process.env, JWT_SECRET, ACCESS_TOKEN_TTL_SECONDS: '86400' });
const tokens = new AccessTokens(tokenConfig, undefined as unknown as AppSecrets);
await tokens.onModuleInit();

/** The platform's environment in the bench: as in production, with limits that would only shed load. */
function platformEnv(name: string, role: 'api' | 'all', extra: Record<string, string> = {}) {
  scratchFiles.push(`/tmp/msc-bench-data/${run}-${name}`);
  return {
    NODE_ENV: 'production',
    PROCESS_ROLE: role,
    DATABASE_URL: databaseUrl(name),
    DATABASE_POOL_SIZE: String(SETTINGS.poolSize),
    REDIS_PREFIX: `msc-bench-${run}-${name}`,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    DATA_DIR: `/tmp/msc-bench-data/${run}-${name}`,
    JWT_SECRET,
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    AUTH_REQUESTS_PER_ADDRESS_PER_MINUTE: '100000000',
    PASSWORD_HASH_QUEUE_LIMIT: '64',
    ...extra,
  };
}

interface Population {
  size: 'small' | 'large';
  trainees: number;
  seed: SeedResult;
  platform: ServerProcess;
  pk?: ServerProcess;
  replay?: ServerProcess;
  login?: ServerProcess;
  /** 10 trainees of each stage: the requests rotate through them. */
  readers: string[];
  racers: string[];
  logins: string[];
  statements: Record<string, number>;
}

const servers: ServerProcess[] = [];
/** Replay plans and data folders of this run, removed at the end. */
const scratchFiles: string[] = [];
const databases: string[] = [];
const loadStart = loadavg();
/** The 1-minute load average as each round began: the machine is shared. */
const loadByRound: number[] = [];
const started = performance.now();
const gitCommit = (() => {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD']).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no']).toString();
    return dirty.trim() ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return 'unknown';
  }
})();

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function cleanup(): Promise<void> {
  await Promise.all(servers.map((s) => s.stop()));
  for (const file of scratchFiles) rmSync(file, { recursive: true, force: true });
  for (const name of databases) await dropDatabase(databaseUrl(name)).catch(() => undefined);
  const redis = new Redis(base.REDIS_URL);
  try {
    const keys = await redis.keys(`msc-bench-${run}-*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  } finally {
    redis.disconnect();
  }
}

async function populate(
  size: 'small' | 'large',
  trainees: number,
  openCohorts: number,
  hash: string,
  needs: { replay: boolean; pk: boolean; login: boolean; enroll: boolean },
): Promise<Population> {
  databases.push(size);
  await ensureDatabase(databaseUrl(size), `msc_bench_${run}_template`);
  const seed = await withClient(databaseUrl(size), (client) =>
    seedPopulation(client, {
      trainees,
      openCohorts,
      raceCohorts: needs.enroll ? 2 * SETTINGS.rounds + 1 : 0,
      passwordHash: hash,
      fast: true,
      vacuum: true,
    }),
  );
  console.log(
    `seeded ${size}: ${trainees} trainees ${JSON.stringify(seed.counts)}, ${seed.openCohorts} open cohorts, in ${seed.seconds.toFixed(0)} s`,
  );
  const people = await withClient(databaseUrl(size), async (client) => {
    const readers: { id: string; email: string }[] = [];
    for (const stage of BENCH_STAGES) {
      const { rows } = await client.query<{ id: string; email: string }>(
        `SELECT id, email FROM users WHERE email LIKE $1 ORDER BY email LIMIT $2`,
        [`bench-${stageLabel(stage).replace(/_/g, '-')}-%`, SETTINGS.perStage],
      );
      readers.push(...rows);
    }
    const { rows: racers } = await client.query<{ id: string }>(
      `SELECT id FROM users WHERE email = ANY($1::text[]) ORDER BY email`,
      [seed.unenrolledEmails],
    );
    return { readers, racers };
  });
  const platform = await startPlatform(dist, `platform-${size}`, platformEnv(size, 'api'));
  servers.push(platform);
  const rawEnv = { DATABASE_URL: databaseUrl(size), DATABASE_POOL_SIZE: String(SETTINGS.poolSize) };
  const population: Population = {
    size,
    trainees,
    seed,
    platform,
    readers: await Promise.all(people.readers.map((r) => tokens.sign(r.id))),
    racers: await Promise.all(people.racers.map((r) => tokens.sign(r.id))),
    logins: people.readers.map((r) => JSON.stringify({ email: r.email, password: PASSWORD })),
    statements: {},
  };
  if (needs.pk) {
    population.pk = await startRaw(dist, `pk-${size}`, { ...rawEnv, BENCH_RAW_MODE: 'pk' });
    servers.push(population.pk);
  }
  if (needs.login) {
    population.login = await startRaw(dist, `login-${size}`, {
      ...rawEnv,
      BENCH_RAW_MODE: 'login',
    });
    servers.push(population.login);
  }
  if (needs.replay) {
    const plan = await capturePlan(population, needs.enroll);
    const file = join(dist, 'bench', `replay-${run}-${size}.json`);
    writeFileSync(file, JSON.stringify(plan));
    // With BENCH_CPU_PROF the captured statements stay beside the profiles, to read.
    if (process.env.BENCH_CPU_PROF)
      writeFileSync(join(process.env.BENCH_CPU_PROF, `replay-${size}.json`), JSON.stringify(plan));
    scratchFiles.push(file);
    population.replay = await startRaw(dist, `replay-${size}`, {
      ...rawEnv,
      BENCH_RAW_MODE: 'replay',
      BENCH_REPLAY_PLAN: file,
    });
    servers.push(population.replay);
  }
  await endCapture(platform);
  return population;
}

const READS = {
  progress: '/api/v1/me/progress',
  enrollments: '/api/v1/me/enrollments',
  cohorts: '/api/v1/cohorts?status=open',
} as const;

/** Each read request once per reader, and one enrollment, as the platform sends them to PostgreSQL. */
async function capturePlan(population: Population, enroll: boolean): Promise<ReplayPlan> {
  const plan: ReplayPlan = { requests: {}, templates: [] };
  const { platform } = population;
  for (const [name, path] of Object.entries(READS)) {
    let count = 0;
    for (const token of population.readers) {
      const statements = await captureStatements(platform, async () => {
        const res = await fetch(`${platform.base}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
        await res.arrayBuffer();
      });
      plan.requests[`GET ${path} Bearer ${token}`] = statements;
      count += statements.length;
    }
    population.statements[name] = count / population.readers.length;
  }
  if (enroll) {
    const probe = population.racers.pop()!;
    const cohortId = population.seed.raceCohortIds[0]!;
    const userId = (
      JSON.parse(Buffer.from(probe.split('.')[1]!, 'base64url').toString()) as { sub: string }
    ).sub;
    let answer = '';
    const statements = await captureStatements(platform, async () => {
      const res = await fetch(`${platform.base}/api/v1/cohorts/${cohortId}/enrollments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${probe}`, 'content-type': 'application/json' },
        body: '{}',
      });
      answer = await res.text();
      if (res.status !== 201) throw new Error(`enrollment answered ${res.status}: ${answer}`);
    });
    const madeIds = [
      ...new Set(
        answer.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [],
      ),
    ].filter((id) => id !== userId && id !== cohortId);
    plan.templates.push({
      method: 'POST',
      pattern: '^/api/v1/cohorts/([0-9a-f-]{36})/enrollments$',
      statements,
      probeUserId: userId,
      probeCohortId: cohortId,
      madeIds,
    });
    population.statements.enroll = statements.length;
  }
  return plan;
}

interface Cell {
  key: string;
  group: Group;
  size: 'small' | 'large';
  target: string;
  connections: number;
  server: () => ServerProcess;
  request: (population: Population) => LoadRequest;
  warmup?: (population: Population) => LoadRequest;
  before?: (population: Population) => Promise<void>;
  after?: (population: Population) => Promise<void>;
}

function cellsFor(populations: Partial<Record<'small' | 'large', Population>>): Cell[] {
  const cells: Cell[] = [];
  const add = (
    group: Group,
    size: 'small' | 'large',
    target: string,
    server: (p: Population) => ServerProcess | undefined,
    request: (p: Population) => LoadRequest,
    connections = SETTINGS.connections,
    extra: Partial<Cell> = {},
  ) => {
    const population = populations[size];
    if (!population || !wanted(group) || !server(population)) return;
    for (const c of connections)
      cells.push({
        key: `${target}@${size}@${c}`,
        group,
        size,
        target,
        connections: c,
        server: () => server(population)!,
        request,
        ...extra,
      });
  };
  const read = (path: string) => (p: Population) => ({
    method: 'GET' as const,
    path,
    tokens: p.readers,
  });
  for (const size of ['small', 'large'] as const) {
    add('progress', size, 'me', (p) => p.platform, read('/api/v1/me'));
    add('progress', size, 'pk', (p) => p.pk, read('/'));
    for (const [name, path] of Object.entries(READS) as [Group, string][]) {
      add(name, size, name, (p) => p.platform, read(path));
      add(name, size, `${name}-replay`, (p) => p.replay, read(path));
    }
  }
  let raceCohort = 1;
  let current = '';
  const enroll = (p: Population): LoadRequest => ({
    method: 'POST',
    path: `/api/v1/cohorts/${current}/enrollments`,
    tokens: p.racers.slice(0, p.racers.length - warmRacers(p)),
    bodies: ['{}'],
  });
  const race: Partial<Cell> = {
    before: async (p) => {
      current = p.seed.raceCohortIds[raceCohort % p.seed.raceCohortIds.length]!;
      raceCohort += 1;
    },
    warmup: (p) => ({
      method: 'POST',
      path: `/api/v1/cohorts/${p.seed.raceCohortIds[0]!}/enrollments`,
      tokens: p.racers.slice(-warmRacers(p)),
      bodies: ['{}'],
    }),
    // The racers leave again: every round races with the same people into a fresh cohort.
    after: (p) => resetRace(p),
  };
  add('enroll', 'large', 'enroll', (p) => p.platform, enroll, [50], race);
  add('enroll', 'large', 'enroll-replay', (p) => p.replay, enroll, [50], race);
  const login = (p: Population): LoadRequest => ({
    method: 'POST',
    path: '/api/v1/auth/login',
    bodies: p.logins,
  });
  add('login', 'large', 'login', (p) => p.platform, login);
  add('login', 'large', 'login-raw', (p) => p.login, login);
  return cells;
}

/** Racers kept for the warm-up (into another cohort), so that the measured ones all enroll anew. */
const warmRacers = (p: Population) => Math.min(1000, Math.floor(p.racers.length / 4));

async function resetRace(population: Population): Promise<void> {
  await withClient(databaseUrl(population.size), async (client) => {
    await client.query(`DELETE FROM enrollments WHERE cohort_id = ANY($1::uuid[])`, [
      population.seed.raceCohortIds,
    ]);
    const { rows } = await client.query(
      `SELECT 1 FROM information_schema.columns
       WHERE table_name = 'cohorts' AND column_name = 'seats_taken'`,
    );
    if (rows.length)
      await client.query(`UPDATE cohorts SET seats_taken = 0 WHERE id = ANY($1::uuid[])`, [
        population.seed.raceCohortIds,
      ]);
    // What the API queued for a worker (none runs here): the race's notifications.
    await client.query(`DELETE FROM outbox WHERE sent_at IS NULL`);
  });
}

let exitCode = 0;
const results: CellResult[] = [];
let ce: CeFigures | null = null;
let web: WebWeight | null = null;
const populations: Partial<Record<'small' | 'large', Population>> = {};
try {
  const needsPopulation = GROUPS.filter((g) => g !== 'ce' && g !== 'web').some(wanted);
  const hash = await new PasswordHasher(tokenConfig).hash(PASSWORD);
  if (needsPopulation || wanted('ce')) {
    databases.push('template');
    await prepareDatabase(
      { ...base, DATABASE_URL: databaseUrl('template'), DATABASE_STATEMENT_TIMEOUT_MS: 0 },
      migrations,
    );
  }
  if (needsPopulation) {
    const replay =
      wanted('progress') || wanted('enrollments') || wanted('cohorts') || wanted('enroll');
    const small = wanted('progress') || wanted('cohorts') || wanted('enrollments');
    if (small)
      populations.small = await populate('small', SETTINGS.small, SETTINGS.openSmall, hash, {
        replay,
        pk: false,
        login: false,
        enroll: false,
      });
    populations.large = await populate('large', SETTINGS.large, SETTINGS.openLarge, hash, {
      replay,
      pk: wanted('progress'),
      login: wanted('login'),
      enroll: wanted('enroll'),
    });
    // BENCH_CELLS=<regex>: only the cells whose key (`<target>@<size>@<connections>`) matches,
    // for a profile of one request (with BENCH_CPU_PROF); the ratios then miss their other side.
    const only = process.env.BENCH_CELLS ? new RegExp(process.env.BENCH_CELLS) : null;
    const cells = cellsFor(populations).filter((cell) => !only || only.test(cell.key));
    console.log(
      `\n${cells.length} cells × ${SETTINGS.rounds} rounds of ${SETTINGS.warmupSeconds} s warm-up + ${SETTINGS.seconds} s, interleaved`,
    );
    const rounds = new Map<string, Sample[]>(cells.map((c) => [c.key, []]));
    for (let round = 1; round <= SETTINGS.rounds; round++) {
      loadByRound.push(loadavg()[0]!);
      for (const cell of cells) {
        const population = populations[cell.size]!;
        await cell.before?.(population);
        const sample = await measure({
          base: cell.server().base,
          request: cell.request(population),
          warmup: cell.warmup?.(population),
          connections: cell.connections,
          seconds: SETTINGS.seconds,
          warmupSeconds: SETTINGS.warmupSeconds,
          pid: cell.server().pid,
        });
        await cell.after?.(population);
        rounds.get(cell.key)!.push(sample);
        console.log(
          `round ${round} ${cell.key.padEnd(30)} ${sample.rps.toFixed(0).padStart(6)}/s p50 ${sample.p50.toFixed(2)} p99 ${sample.p99.toFixed(2)} ms cpu ${sample.cpuUs.toFixed(0)} µs${sample.non2xx ? ` answers ${JSON.stringify(sample.statuses)}, first: ${sample.problem ?? ''}` : ''}${sample.errors ? ` errors ${sample.errors}` : ''}`,
        );
      }
    }
    for (const cell of cells)
      results.push({
        key: cell.key,
        group: cell.group,
        size: cell.size,
        population: populations[cell.size]!.trainees,
        openCohorts: populations[cell.size]!.seed.openCohorts,
        target: cell.target,
        connections: cell.connections,
        statements: populations[cell.size]!.statements[cell.group],
        rounds: rounds.get(cell.key)!,
      });
    for (const population of Object.values(populations)) {
      for (const s of [population.platform, population.pk, population.replay, population.login])
        if (s) {
          await s.stop();
          servers.splice(servers.indexOf(s), 1);
        }
      await dropDatabase(databaseUrl(population.size));
      databases.splice(databases.indexOf(population.size), 1);
    }
  }
  if (wanted('ce')) {
    databases.push('ce');
    await ensureDatabase(databaseUrl('ce'), `msc_bench_${run}_template`);
    const cohort = await withClient(databaseUrl('ce'), (client) =>
      seedCeCohort(client, { trainees: SETTINGS.ceTrainees, passwordHash: hash }),
    );
    const platform = await startPlatform(
      dist,
      'platform-ce',
      platformEnv('ce', 'all', {
        RECONCILE_AFTER_SECONDS: '86400',
        OUTBOX_POLL_INTERVAL_MS: '100',
      }),
    );
    servers.push(platform);
    await endCapture(platform);
    ce = await benchCe({
      platform,
      databaseUrl: databaseUrl('ce'),
      cohortId: cohort.cohortId,
      adminToken: await tokens.sign(cohort.adminId),
      expected: cohort.trainees,
      rounds: SETTINGS.rounds,
    });
  }
  if (wanted('web')) web = await firstLoadWeight(dist);
} catch (error) {
  exitCode = 1;
  console.error(error);
  for (const s of servers) console.error(`--- ${s.name} output:\n${s.output().slice(-3000)}`);
} finally {
  await cleanup();
}

const loadEnd = loadavg();
const report = {
  commit: gitCommit,
  date: new Date().toISOString(),
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  loadAverage: { start: loadStart, end: loadEnd, rounds: loadByRound },
  seconds: Math.round((performance.now() - started) / 1000),
  settings: SETTINGS,
  cells: results,
  ratios: ratiosOf(results, ce, web),
  ce,
  web,
};
const table = printReport(report);
/** A file's text as the repository's Prettier writes it (`npm run check` reads these files too). */
async function formatted(file: string, text: string): Promise<string> {
  const prettier = await import('prettier');
  return prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
}
if (exitCode === 0 && picked.length === 0) {
  const results = join(process.cwd(), 'bench', 'results.json');
  writeFileSync(results, await formatted(results, JSON.stringify(report)));
  console.log('wrote bench/results.json');
  if (writeReadme) {
    const readme = join(process.cwd(), 'README.md');
    updateReadme(readme, table);
    writeFileSync(readme, await formatted(readme, readFileSync(readme, 'utf8')));
    console.log('updated the bench section of README.md');
  }
} else if (exitCode === 0) {
  const file = join(dirname(dist), `results-${picked.join('-')}.json`);
  writeFileSync(file, await formatted(file, JSON.stringify(report)));
  console.log(`wrote ${file} (a partial run leaves bench/results.json as it was)`);
}
process.exit(exitCode);
