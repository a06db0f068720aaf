import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface WebWeight {
  /** Gzip bytes of the JavaScript the first load of `/` fetches before anything renders. */
  firstLoadGzip: number;
  /** With the lazy page `/` shows a signed-in trainee, when the measuring script tells it. */
  withPageGzip: number | null;
  files: { file: string; bytes: number; gzip: number }[];
  how: string;
}

interface ScriptWeight {
  firstLoad: { gzip: number; files: { file: string; bytes: number; gzip: number }[] };
  withPage?: { gzip: number };
}

/** The script scripts/first-load-weight.mjs of apps/web when there, else index.html's own scripts. */
export async function firstLoadWeight(dist: string): Promise<WebWeight | null> {
  const web = join(dist, 'web');
  if (!existsSync(join(web, 'index.html'))) return null;
  const script = join(process.cwd(), 'apps', 'web', 'scripts', 'first-load-weight.mjs');
  if (existsSync(script)) {
    try {
      const module = (await import(pathToFileURL(script).href)) as {
        firstLoadWeight(dir: string): Promise<ScriptWeight>;
      };
      const weight = await module.firstLoadWeight(web);
      return {
        firstLoadGzip: weight.firstLoad.gzip,
        withPageGzip: weight.withPage?.gzip ?? null,
        files: weight.firstLoad.files,
        how: 'apps/web/scripts/first-load-weight.mjs (the build manifest)',
      };
    } catch (error) {
      console.warn(
        `first-load-weight.mjs: ${(error as Error).message}; weighing index.html's scripts`,
      );
    }
  }
  // The module script and the modulepreloads of index.html: what the browser fetches first.
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  const sources = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1]!.replace(/^\//, ''));
  const files = [...new Set(sources)].map((file) => {
    const content = readFileSync(join(web, file));
    return { file, bytes: content.length, gzip: gzipSync(content).length };
  });
  return {
    firstLoadGzip: files.reduce((sum, f) => sum + f.gzip, 0),
    withPageGzip: null,
    files,
    how: "index.html's module script and modulepreloads",
  };
}
