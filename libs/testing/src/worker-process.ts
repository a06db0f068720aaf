import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '@msc/config';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface WorkerProcessOptions {
  /** Environment beside the test app's database, Redis prefix and data directory. */
  env?: Record<string, string>;
  /** Bound for the worker to say it started. */
  startTimeoutMs?: number;
  /** Another entry point of the platform (a CLI script) instead of the worker; not awaited. */
  entry?: string;
}

/**
 * A real worker process (`apps/server/src/worker-main.ts`, run from the TypeScript sources) on the test
 * app's database and Redis prefix: what a test kills with SIGKILL to see the platform survive it.
 */
export class WorkerProcess {
  private output = '';
  private readonly waiters = new Set<() => void>();
  readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    const onData = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      for (const wake of this.waiters) wake();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    void this.exited.then(() => {
      for (const wake of this.waiters) wake();
    });
  }

  static async start(
    config: AppConfig,
    options: WorkerProcessOptions = {},
  ): Promise<WorkerProcess> {
    const child = spawn(
      process.execPath,
      [
        '--import',
        join(ROOT, 'libs/testing/src/ts-register.mjs'),
        join(ROOT, options.entry ?? 'apps/server/src/worker-main.ts'),
      ],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          DATABASE_URL: config.DATABASE_URL,
          REDIS_URL: config.REDIS_URL,
          REDIS_PREFIX: config.REDIS_PREFIX,
          DATA_DIR: config.DATA_DIR,
          DATABASE_POOL_SIZE: '5',
          OUTBOX_POLL_INTERVAL_MS: '200',
          LOG_LEVEL: 'info',
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const worker = new WorkerProcess(child);
    if (!options.entry) await worker.waitFor(/worker started/, options.startTimeoutMs ?? 150_000);
    return worker;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Everything it wrote to stdout and stderr so far. */
  get log(): string {
    return this.output;
  }

  /** Resolves with the first match of `pattern` in its output; rejects past the bound or on exit. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(
          `the worker exited before printing ${pattern}:\n${this.output.slice(-4000)}`,
        );
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `the worker did not print ${pattern} within ${timeoutMs} ms:\n${this.output.slice(-4000)}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      }).finally(() => this.waiters.clear());
    }
  }

  /** SIGKILL: no shutdown hook runs, locks and transactions are left as a crash leaves them. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A graceful stop (SIGTERM), then SIGKILL if it does not exit within the bound. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}
