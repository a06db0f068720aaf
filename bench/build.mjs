// Builds what `npm run build` builds (the API with tsc, the web app with vite) into the bench's own
// folder beside the dependencies, never dist/: another build of dist/ during a run cannot pull the
// servers' files away. Emit only (--noCheck): the types are `npm run check`'s business.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const BENCH_BUILD = join(process.cwd(), 'node_modules', '.cache', 'msc-bench');
const dist = join(BENCH_BUILD, 'dist');
const bin = (name) => join(process.cwd(), 'node_modules', '.bin', name);

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed:\n${output}`)),
    );
  });
}

mkdirSync(dist, { recursive: true });
const started = performance.now();
const api = run(bin('tsc'), [
  '-p',
  'tsconfig.build.json',
  '--outDir',
  dist,
  '--incremental',
  '--tsBuildInfoFile',
  join(BENCH_BUILD, 'tsbuildinfo'),
  '--noCheck',
]).then(() => run(bin('tsc-alias'), ['-p', 'tsconfig.build.json', '--outDir', dist]));
const web = process.env.BENCH_SKIP_WEB
  ? Promise.resolve()
  : run(bin('vite'), [
      'build',
      '--config',
      'apps/web/vite.config.ts',
      '--outDir',
      join(dist, 'web'),
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ]);
const [built, bundled] = await Promise.allSettled([api, web]);
for (const result of [built, bundled]) if (result.status === 'rejected') throw result.reason;
if (!existsSync(join(dist, 'bench', 'run.js'))) throw new Error(`no ${dist}/bench/run.js`);
console.log(`bench build in ${((performance.now() - started) / 1000).toFixed(0)} s: ${dist}`);
