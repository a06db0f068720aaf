import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { CapturedStatement } from './sql-capture.js';

/** A server in a child process of its own: the load generator never shares its event loop. */
export interface ServerProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  base: string;
  output(): string;
  stop(): Promise<void>;
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

function spawnServer(
  name: string,
  script: string,
  env: Record<string, string>,
  execArgv: string[],
  port: number,
): ServerProcess {
  const child = fork(script, [], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    name,
    child,
    pid: child.pid!,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

async function untilReady(server: ServerProcess, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (server.child.exitCode !== null)
      throw new Error(`${server.name} exited (${server.child.exitCode}):\n${server.output()}`);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${server.name} not ready:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `node <dist>/apps/server/src/main.js` (what `npm start` runs), with the SQL capture preloaded. */
export async function startPlatform(
  dist: string,
  name: string,
  env: Record<string, string>,
): Promise<ServerProcess> {
  const server = spawnServer(
    name,
    join(dist, 'apps', 'server', 'src', 'main.js'),
    env,
    [
      '--import',
      join(dist, 'bench', 'sql-capture.js'),
      // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each platform process, written as it exits.
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
    ],
    await freePort(),
  );
  await untilReady(server, async () => (await fetch(`${server.base}/health/ready`)).ok);
  return server;
}

export async function startRaw(
  dist: string,
  name: string,
  env: Record<string, string>,
): Promise<ServerProcess> {
  const server = spawnServer(name, join(dist, 'bench', 'raw-server.js'), env, [], await freePort());
  let listening = false;
  server.child.on('message', (message: { ready?: boolean }) => {
    if (message.ready) listening = true;
  });
  await untilReady(server, () => Promise.resolve(listening));
  return server;
}

function reply<T>(child: ChildProcess, match: (message: unknown) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = () => reject(new Error('the platform exited during a capture'));
    const onMessage = (message: unknown) => {
      const value = match(message);
      if (value === undefined) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(value);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** The statements the platform sent while `request` ran (alone: nothing else is in flight). */
export async function captureStatements(
  platform: ServerProcess,
  request: () => Promise<unknown>,
): Promise<CapturedStatement[]> {
  const started = reply(platform.child, (m) =>
    (m as { capture?: string }).capture === 'started' ? true : undefined,
  );
  platform.child.send({ capture: 'start' });
  await started;
  await request();
  // A statement sent after the answer (none today) would still be counted.
  await new Promise((resolve) => setTimeout(resolve, 25));
  const stopped = reply(platform.child, (m) => {
    const message = m as { capture?: string; statements?: CapturedStatement[] };
    return message.capture === 'stopped' ? message.statements! : undefined;
  });
  platform.child.send({ capture: 'stop' });
  return stopped;
}

/** Puts node-postgres back as it was in the platform's process: the measured path is the plain one. */
export async function endCapture(platform: ServerProcess): Promise<void> {
  const off = reply(platform.child, (m) =>
    (m as { capture?: string }).capture === 'off' ? true : undefined,
  );
  platform.child.send({ capture: 'off' });
  await off;
}
