import { spawn } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';
import { ensureWorkerDatabase, testRun } from '@msc/testing';

const ROOT = process.cwd();

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the base URL of links (e2e)', () => {
  it('should start on the configured port and say that links carry http://localhost:<PORT>', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        '--import',
        join(ROOT, 'libs/testing/src/ts-register.mjs'),
        join(ROOT, 'apps/server/src/main.ts'),
      ],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          PROCESS_ROLE: 'api',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATABASE_URL: await ensureWorkerDatabase(),
          REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
          REDIS_PREFIX: `msc-test-${testRun()}-base-url-${process.env.JEST_WORKER_ID ?? '1'}`,
          DATA_DIR: `/tmp/msc-test-data/${testRun()}-base-url`,
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start line:\n${output}`)), 90_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const found = output.split('\n').find((l) => l.includes('links in e-mails'));
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      expect(line).toContain(`listening on http://127.0.0.1:${port}`);
      expect(line).toContain(
        `links in e-mails and signed credentials carry http://localhost:${port}`,
      );
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  }, 120_000);
});
