import { benchCeCredits } from './ce-credits.bench.js';

/** Every bench, one after the other (`npm run bench`); each makes and drops its own database. */
const benches: { name: string; run: () => Promise<unknown> }[] = [
  { name: 'ce-credits', run: benchCeCredits },
];

const only = process.argv[2];
for (const bench of benches) {
  if (only && bench.name !== only) continue;
  console.log(`\n== ${bench.name}`);
  await bench.run();
}
process.exit(0);
