import { benchCeCredits } from './ce-credits.bench.js';
import { benchEnrollment } from './enrollment.bench.js';
import { benchProgress } from './progress.bench.js';

/** Every bench, one after the other (`npm run bench [name]`); each makes and drops its own database. */
const benches: { name: string; run: () => Promise<unknown> }[] = [
  { name: 'progress', run: benchProgress },
  { name: 'enrollment', run: benchEnrollment },
  { name: 'ce-credits', run: benchCeCredits },
];

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
const memory = () => {
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  return { rssMiB: mib(rss), heapUsedMiB: mib(heapUsed), heapTotalMiB: mib(heapTotal) };
};

const only = process.argv[2];
if (only && !benches.some((b) => b.name === only)) {
  console.error(`no bench "${only}"; one of ${benches.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const summary: Record<string, unknown>[] = [];
let failed = false;
for (const bench of benches) {
  if (only && bench.name !== only) continue;
  console.log(`\n== ${bench.name}`);
  const before = memory();
  const started = performance.now();
  let outcome = 'ok';
  try {
    await bench.run();
  } catch (error) {
    failed = true;
    outcome = 'FAILED';
    console.error(error);
  }
  const after = memory();
  summary.push({
    bench: bench.name,
    outcome,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    rssBeforeMiB: before.rssMiB,
    rssAfterMiB: after.rssMiB,
    heapBeforeMiB: before.heapUsedMiB,
    heapAfterMiB: after.heapUsedMiB,
  });
}
console.log('\n== memory and time per bench (process RSS and V8 heap used)');
console.table(summary);
process.exit(failed ? 1 : 0);
