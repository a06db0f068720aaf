// The JavaScript a browser fetches to show `/`, gzipped, from a Vite build of apps/web.
//
//   node apps/web/scripts/first-load-weight.mjs [distDir] [--json] [--budget=<gzip bytes>]
//
// distDir defaults to dist/web (what `npm run build` writes); with --budget it exits 1 when a
// signed-in trainee's first view of / weighs more. Or, from another script:
//   import { firstLoadWeight } from '<repo>/apps/web/scripts/first-load-weight.mjs';
//   const weight = await firstLoadWeight('dist/web'); // weight.firstLoad.gzip, weight.withPage.gzip
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The page module `/` renders for a signed-in trainee (apps/web/src/pathway/routes.tsx). */
export const HOME_PAGE_MODULE = 'src/pathway/progress-page.tsx';

/**
 * Reads the build's manifest (build.manifest in apps/web/vite.config.ts) and weighs:
 * - `firstLoad`: the entry chunk and its static imports, which index.html loads and modulepreloads
 *   before anything renders (checked against index.html's own script and modulepreload tags);
 * - `withPage`: that plus what the lazy route of `/` adds (`pageModule`'s chunk and its static
 *   imports not loaded already), i.e. the JavaScript of a signed-in trainee's first view.
 * Sizes are bytes as built and gzipped at zlib's default level (as a server compresses them).
 */
export async function firstLoadWeight(
  distDir = 'dist/web',
  { pageModule = HOME_PAGE_MODULE } = {},
) {
  const dist = resolve(distDir);
  const manifestFile = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(`${manifestFile} is missing: build apps/web with build.manifest on`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry chunk, found ${entries.length}`);
  const [entryKey] = entries[0];

  // A chunk and, transitively, what it imports statically (never its dynamic imports).
  const closure = (key, seen = new Set()) => {
    if (seen.has(key)) return seen;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) closure(imported, seen);
    return seen;
  };
  const weigh = (keys) => {
    const files = [...keys]
      .map((key) => manifest[key].file)
      .filter((file) => file.endsWith('.js'))
      .map((file) => {
        const content = readFileSync(join(dist, file));
        return { file, bytes: content.length, gzip: gzipSync(content).length };
      })
      .sort((a, b) => b.gzip - a.gzip);
    const sum = (field) => files.reduce((total, f) => total + f[field], 0);
    return { files, bytes: sum('bytes'), gzip: sum('gzip') };
  };

  const first = closure(entryKey);
  assertMatchesIndexHtml(dist, first, manifest);
  if (!manifest[pageModule]) throw new Error(`${pageModule} is not a chunk of the build`);
  const page = closure(pageModule);
  const added = new Set([...page].filter((key) => !first.has(key)));
  return {
    dist,
    firstLoad: weigh(first),
    page: { module: pageModule, ...weigh(added) },
    withPage: weigh(new Set([...first, ...added])),
  };
}

/** index.html must load exactly the first load's files: the manifest is read right, or we fail. */
function assertMatchesIndexHtml(dist, keys, manifest) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const loaded = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\/?([^"]+\.js)"/g)]
    .map((m) => m[1])
    .sort();
  const expected = [...keys].map((key) => manifest[key].file).sort();
  if (JSON.stringify(loaded) !== JSON.stringify(expected)) {
    throw new Error(
      `index.html loads ${JSON.stringify(loaded)}, the manifest says ${JSON.stringify(expected)}`,
    );
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const weight = await firstLoadWeight(args.find((a) => !a.startsWith('--')));
  const budget = Number(args.find((a) => a.startsWith('--budget='))?.slice('--budget='.length));
  if (args.includes('--json')) {
    console.log(JSON.stringify(weight, null, 2));
  } else {
    for (const [title, part] of [
      ['First load of / (index.html: entry + modulepreloads)', weight.firstLoad],
      [`The page of / (${weight.page.module}) adds`, weight.page],
    ]) {
      console.log(`${title}: ${kb(part.gzip)} gzip, ${kb(part.bytes)} raw`);
      for (const f of part.files)
        console.log(`  ${kb(f.gzip).padStart(9)}  ${kb(f.bytes).padStart(9)}  ${f.file}`);
    }
    console.log(
      `Signed-in trainee's first view of /: ${kb(weight.withPage.gzip)} gzip (${weight.withPage.gzip} bytes)`,
    );
  }
  if (budget && weight.withPage.gzip > budget) {
    console.error(`Over the budget of ${budget} bytes by ${weight.withPage.gzip - budget}`);
    process.exitCode = 1;
  }
}
