import pg from 'pg';
import { cpuSeconds } from './load.js';
import type { ServerProcess } from './processes.js';

export interface CeRound {
  /** From the admin's request to the last credit written by the job's chunks. */
  platformMs: number;
  /** Node CPU of the platform process (API and worker) in that time. */
  platformCpuMs: number;
  /** The same rows in one multi-row INSERT from a plain pg client. */
  rawMs: number;
}

export interface CeFigures {
  trainees: number;
  credits: number;
  rounds: CeRound[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * CE issuance for a completed cohort of N through the platform (POST /api/v1/ce-credits/issuance:
 * the cohort job fans out chunk jobs, each writing its credits in one statement), against the
 * floor: the rows that job wrote, put back by one multi-row INSERT. Interleaved, round by round.
 */
export async function benchCe(options: {
  platform: ServerProcess;
  databaseUrl: string;
  cohortId: string;
  adminToken: string;
  expected: number;
  rounds: number;
}): Promise<CeFigures> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await client.query<{ n: string }>(sql, params)).rows[0]!.n);
  const credits = () =>
    count('SELECT count(*) AS n FROM ce_credits WHERE cohort_id = $1', [options.cohortId]);
  // Nothing of the last round still running: the outbox relayed, the notifications all delivered.
  const quiet = async () => {
    let last = -1;
    for (let stable = 0; stable < 5;) {
      const pending = await count('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');
      const delivered = await count('SELECT count(*) AS n FROM notifications');
      stable = pending === 0 && delivered === last ? stable + 1 : 0;
      last = delivered;
      await sleep(100);
    }
  };
  const reset = async () => {
    await client.query('DELETE FROM ce_credits WHERE cohort_id = $1', [options.cohortId]);
    await client.query('DELETE FROM notifications');
    await client.query('DELETE FROM outbox WHERE sent_at IS NOT NULL');
    await client.query('VACUUM ANALYZE ce_credits, notifications, outbox');
  };
  try {
    const { rows: columns } = await client.query<{ name: string; type: string }>(
      `SELECT column_name AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM information_schema.columns c
       JOIN pg_attribute a ON a.attrelid = 'ce_credits'::regclass AND a.attname = c.column_name
       WHERE c.table_name = 'ce_credits' AND c.table_schema = current_schema()
       ORDER BY c.ordinal_position`,
    );
    const names = columns.map((c) => `"${c.name}"`).join(', ');
    const insert = `INSERT INTO ce_credits (${names}) SELECT * FROM unnest(${columns
      .map((c, i) => `$${i + 1}::text[]::${c.type}[]`)
      .join(', ')})`;
    let issued: string[][] | null = null;
    const rounds: CeRound[] = [];
    for (let round = 0; round < options.rounds; round++) {
      await reset();
      await quiet();
      const cpuBefore = cpuSeconds(options.platform.pid);
      const started = performance.now();
      const res = await fetch(`${options.platform.base}/api/v1/ce-credits/issuance`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.adminToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ cohortId: options.cohortId }),
      });
      if (res.status !== 202)
        throw new Error(`CE issuance answered ${res.status}: ${await res.text()}`);
      const deadline = Date.now() + 300_000;
      while ((await credits()) < options.expected) {
        if (Date.now() > deadline) throw new Error(`CE issuance wrote ${await credits()} credits`);
        await sleep(5);
      }
      const platformMs = performance.now() - started;
      const platformCpuMs = (cpuSeconds(options.platform.pid) - cpuBefore) * 1000;
      if (!issued) {
        const { rows } = await client.query<Record<string, string | null>>(
          `SELECT ${columns.map((c) => `"${c.name}"::text AS "${c.name}"`).join(', ')}
           FROM ce_credits WHERE cohort_id = $1`,
          [options.cohortId],
        );
        issued = columns.map((c) => rows.map((r) => r[c.name]!));
      }
      await quiet();
      await client.query('DELETE FROM ce_credits WHERE cohort_id = $1', [options.cohortId]);
      await client.query('VACUUM ANALYZE ce_credits');
      const rawStarted = performance.now();
      await client.query(insert, issued);
      const rawMs = performance.now() - rawStarted;
      rounds.push({ platformMs, platformCpuMs, rawMs });
      console.log(
        `round ${round + 1} CE for ${options.expected}: platform ${platformMs.toFixed(0)} ms (cpu ${platformCpuMs.toFixed(0)} ms), one INSERT ${rawMs.toFixed(0)} ms`,
      );
    }
    return { trainees: options.expected, credits: await credits(), rounds };
  } finally {
    await client.end();
  }
}
