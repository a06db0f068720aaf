// Module hooks that let Node run the TypeScript sources directly (no build): @msc/* aliases are
// resolved as in tsconfig's `paths`, `./x.js` finds `./x.ts`, and each .ts file is transpiled on
// load (decorator metadata included, which Nest's injection needs). Used by tests that spawn a real
// worker process: `node --import ./libs/testing/src/ts-register.mjs apps/server/src/worker-main.ts`.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

// Transpiled files are kept by path, size and modification time: the next process starts faster.
const cacheDir = join(tmpdir(), 'msc-ts-loader-cache');
mkdirSync(cacheDir, { recursive: true });

const ALIASES = [
  [/^@msc\/domain\/(.+)$/, (m) => `libs/domain/${m[1]}/src/index.ts`],
  [/^@msc\/migrations$/, () => 'migrations/index.ts'],
  [/^@msc\/api$/, () => 'apps/api/src/index.ts'],
  [/^@msc\/worker$/, () => 'apps/worker/src/index.ts'],
  [/^@msc\/server$/, () => 'apps/server/src/index.ts'],
  [/^@msc\/cli$/, () => 'apps/cli/src/index.ts'],
  [/^@msc\/([^/]+)$/, (m) => `libs/${m[1]}/src/index.ts`],
];

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2023,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  isolatedModules: true,
  sourceMap: false,
  inlineSourceMap: true,
};

export async function resolve(specifier, context, next) {
  for (const [pattern, target] of ALIASES) {
    const match = pattern.exec(specifier);
    if (match) return { url: pathToFileURL(join(root, target(match))).href, shortCircuit: true };
  }
  if ((specifier.startsWith('.') || specifier.startsWith('/')) && specifier.endsWith('.js')) {
    const base = context.parentURL
      ? new URL(specifier, context.parentURL)
      : pathToFileURL(specifier);
    const asTs = fileURLToPath(base).replace(/\.js$/, '.ts');
    if (!existsSync(fileURLToPath(base)) && existsSync(asTs)) {
      return { url: pathToFileURL(asTs).href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const file = fileURLToPath(url);
    const { size, mtimeMs } = statSync(file);
    const key = createHash('sha1')
      .update(`${ts.version}\n${file}\n${size}\n${mtimeMs}`)
      .digest('hex');
    const cached = join(cacheDir, `${key}.js`);
    if (existsSync(cached)) {
      return { format: 'module', source: readFileSync(cached, 'utf8'), shortCircuit: true };
    }
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: COMPILER_OPTIONS,
      fileName: file,
    });
    // Written under a name of its own, then renamed: a process reading it never sees half a file.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, output.outputText);
    renameSync(partial, cached);
    return { format: 'module', source: output.outputText, shortCircuit: true };
  }
  return next(url, context);
}
