import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';

interface WebTestGlobals {
  server: ChildProcess;
  browser: { close(): Promise<void> };
  database: string;
  redisPrefix: string;
  buildDir: string;
  serverOutput(): string;
}

/** The server's error lines (pino level 50 and above), the last `limit` of them. */
function serverErrors(output: string, limit = 20): string[] {
  const errors = output.split('\n').filter((line) => {
    const level = /"level":(\d+)/.exec(line)?.[1];
    return level !== undefined && Number(level) >= 50;
  });
  return errors.slice(-limit);
}

/** Stops the browser and the server, then drops the project's database and Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const globals = (globalThis as { mscWeb?: WebTestGlobals }).mscWeb;
  if (!globals) return;
  await globals.browser.close().catch(() => undefined);
  const exited = new Promise<void>((resolve) => globals.server.once('exit', () => resolve()));
  if (globals.server.exitCode === null) {
    globals.server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (globals.server.exitCode === null) globals.server.kill('SIGKILL');
  }
  // What the server logged as errors explains a page that waited in vain; nothing on a clean run.
  const errors = serverErrors(globals.serverOutput());
  if (errors.length > 0)
    process.stderr.write(
      `\nThe web tests' server logged errors (the last ${errors.length}):\n${errors.join('\n')}\n`,
    );
  rmSync(globals.buildDir, { recursive: true, force: true });
  const url = new URL(globals.database);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${globals.redisPrefix}*`,
        'COUNT',
        1000,
      );
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
