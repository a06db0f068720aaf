import { AccessTokens } from '@msc/domain/identity';
import { Role } from '@msc/kernel';
import { seedDemo } from '@msc/cli';
import { quantile, round, startBenchPlatform } from './bench-platform.js';

const REQUESTS = Number(process.env.BENCH_PROGRESS_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_PROGRESS_CONCURRENCY ?? 32);
/** What we aim for on a developer machine; printed beside the measurement, never asserted. */
const TARGET_P95_MS = 25;

export interface ProgressBenchRow {
  trainee: string;
  mode: string;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  reqPerSec: number;
  sqlPerRequest: number;
}

/**
 * GET /api/v1/me/progress through the whole HTTP stack (Fastify `inject`, no socket), for demo
 * trainees at two ends of the pathway: sequentially (latency) and with requests in flight
 * (throughput); plus the SQL statements one request sends, the auth guard's included.
 */
export async function benchProgress(): Promise<ProgressBenchRow[]> {
  const platform = await startBenchPlatform('progress');
  const rows: ProgressBenchRow[] = [];
  try {
    const seeded = await seedDemo({ get: platform.get, settle: platform.settle });
    await platform.settle();
    const fastify = platform.app.getHttpAdapter().getInstance();
    const tokens = platform.get(AccessTokens);
    const subjects = seeded.logins.filter(
      (l) => l.role === Role.Trainee && (l.stage === 'msc_course' || l.stage === null),
    );
    for (const subject of subjects) {
      const [user] = await platform.db.query<{ id: string }>(
        'SELECT id FROM users WHERE email = $1',
        [subject.email],
      );
      const headers = { authorization: `Bearer ${await tokens.sign(user!.id)}` };
      const once = async () => {
        const started = performance.now();
        const res = await fastify.inject({ method: 'GET', url: '/api/v1/me/progress', headers });
        const ms = performance.now() - started;
        if (res.statusCode !== 200) throw new Error(`progress answered ${res.statusCode}`);
        const body = res.json<{ currentStage: string | null }>();
        if (body.currentStage !== subject.stage)
          throw new Error(`expected stage ${subject.stage}, got ${body.currentStage}`);
        return ms;
      };
      for (let i = 0; i < 100; i++) await once(); // warm-up: JIT, pool, prepared plans

      const probes = 20;
      const { queries } = await platform.countQueries(async () => {
        for (let i = 0; i < probes; i++) await once();
      });

      const sequential: number[] = [];
      const sequentialStarted = performance.now();
      for (let i = 0; i < REQUESTS; i++) sequential.push(await once());
      const sequentialSeconds = (performance.now() - sequentialStarted) / 1000;

      const concurrent: number[] = [];
      let next = 0;
      const concurrentStarted = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < REQUESTS) {
            next += 1;
            concurrent.push(await once());
          }
        }),
      );
      const concurrentSeconds = (performance.now() - concurrentStarted) / 1000;

      const label = subject.stage ?? 'certified';
      for (const [mode, samples, seconds] of [
        ['sequential', sequential, sequentialSeconds],
        [`${CONCURRENCY} in flight`, concurrent, concurrentSeconds],
      ] as const) {
        const sorted = [...samples].sort((a, b) => a - b);
        rows.push({
          trainee: label,
          mode,
          requests: samples.length,
          p50Ms: round(quantile(sorted, 0.5)),
          p95Ms: round(quantile(sorted, 0.95)),
          p99Ms: round(quantile(sorted, 0.99)),
          reqPerSec: Math.round(samples.length / seconds),
          sqlPerRequest: round(queries / probes, 1),
        });
      }
    }
  } finally {
    await platform.dispose();
  }
  console.log(
    `GET /api/v1/me/progress, in-process inject (target p95 sequential < ${TARGET_P95_MS} ms):`,
  );
  console.table(rows);
  const worst = Math.max(...rows.filter((r) => r.mode === 'sequential').map((r) => r.p95Ms));
  console.log(
    worst <= TARGET_P95_MS
      ? `within target: worst sequential p95 ${worst} ms`
      : `OVER TARGET: worst sequential p95 ${worst} ms > ${TARGET_P95_MS} ms`,
  );
  return rows;
}
