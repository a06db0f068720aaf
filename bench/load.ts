import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system, every thread) the process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Bearer tokens used in turn, one a request (each once, then again from the first). */
  tokens?: string[];
  /** JSON bodies used in turn with the tokens (or alone). */
  bodies?: string[];
}

export interface Sample {
  /** 2xx answers a second. */
  rps: number;
  requests: number;
  non2xx: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  /** The first answer that was not 2xx, for the log. */
  problem?: string;
  errors: number;
  p50: number;
  p99: number;
  /** Server CPU (µs) per answered request. */
  cpuUs: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function drive(
  base: string,
  request: LoadRequest,
  connections: number,
  seconds: number,
  onResponse?: (status: number, ms: number) => void,
  onProblem?: (status: number, body: string) => void,
): Promise<autocannon.Result> {
  let next = 0;
  const count = Math.max(request.tokens?.length ?? 0, request.bodies?.length ?? 0, 1);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests: [
          {
            method: request.method,
            path: request.path,
            setupRequest: (req) => {
              const i = next++ % count;
              const headers: Record<string, string> = {};
              if (request.tokens)
                headers.authorization = `Bearer ${request.tokens[i % request.tokens.length]!}`;
              if (request.bodies) headers['content-type'] = 'application/json';
              return {
                ...req,
                headers,
                ...(request.bodies ? { body: request.bodies[i % request.bodies.length]! } : {}),
              };
            },
            onResponse: (status: number, body: string) => {
              if (status >= 300) onProblem?.(status, body);
            },
          },
        ],
      },
      (error: unknown, result: autocannon.Result) =>
        error ? reject(error as Error) : resolve(result),
    );
    // Latencies from the answers themselves (autocannon's histogram keeps whole milliseconds).
    if (onResponse)
      instance.on(
        'response',
        (_client: unknown, statusCode: number, _bytes: number, responseTime: number) =>
          onResponse(statusCode, responseTime),
      );
  });
}

/**
 * Waits until the server's process is idle (under 10 % of a core for 300 ms): requests that a load
 * run abandoned when it stopped (still queued in the server) never count against the next figure.
 */
export async function untilIdle(pid: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let last = cpuSeconds(pid);
  while (quiet < 3 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = cpuSeconds(pid);
    quiet = now - last < 0.01 ? quiet + 1 : 0;
    last = now;
  }
}

/** Warms the server up, then loads it for `seconds` and reads its CPU before and after. */
export async function measure(options: {
  base: string;
  request: LoadRequest;
  /** What the warm-up sends, when not the request itself (writes that must not be spent on it). */
  warmup?: LoadRequest;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  pid: number;
}): Promise<Sample> {
  if (options.warmupSeconds > 0)
    await drive(
      options.base,
      options.warmup ?? options.request,
      options.connections,
      options.warmupSeconds,
    );
  await untilIdle(options.pid);
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  const statuses: Record<string, number> = {};
  let problem: string | undefined;
  const cpuBefore = cpuSeconds(options.pid);
  const started = performance.now();
  const result = await drive(
    options.base,
    options.request,
    options.connections,
    options.seconds,
    (status, ms) => {
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) ok += 1;
      else non2xx += 1;
    },
    (status, body) => {
      problem ??= `${status} ${body.slice(0, 300)}`;
    },
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(options.pid) - cpuBefore;
  await untilIdle(options.pid);
  latencies.sort((a, b) => a - b);
  return {
    rps: ok / elapsed,
    requests: ok + non2xx,
    non2xx,
    statuses,
    ...(problem ? { problem } : {}),
    errors: result.errors + result.timeouts,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    cpuUs: (cpu * 1e6) / Math.max(1, ok + non2xx),
  };
}
