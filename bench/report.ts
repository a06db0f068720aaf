import { readFileSync, writeFileSync } from 'node:fs';
import type { CeFigures } from './ce.js';
import type { Sample } from './load.js';
import type { WebWeight } from './web-weight.js';

export interface CellResult {
  key: string;
  group: string;
  size: 'small' | 'large';
  population: number;
  openCohorts: number;
  target: string;
  connections: number;
  /** SQL statements one request sends (captured from the platform), where replayed. */
  statements?: number;
  rounds: Sample[];
}

export interface Ratio {
  name: string;
  median: number;
  min: number;
  max: number;
  target: string;
  /** Whether the median meets the target; null where there is no target. Printed, never asserted. */
  met: boolean | null;
}

export interface Report {
  commit: string;
  date: string;
  cores: number;
  cpu: string;
  loadAverage: { start: number[]; end: number[]; rounds: number[] };
  seconds: number;
  settings: { rounds: number; seconds: number; warmupSeconds: number; connections: number[] };
  cells: CellResult[];
  ratios: Ratio[];
  ce: CeFigures | null;
  web: WebWeight | null;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const spread = (values: number[]) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
});

type Metric = 'rps' | 'p50' | 'p99' | 'cpuUs';
const LABELS: Record<string, string> = {
  me: 'GET /me (framework floor)',
  pk: 'raw: PK select (stack floor)',
  progress: 'GET /me/progress',
  'progress-replay': 'raw: replay of progress SQL',
  enrollments: 'GET /me/enrollments',
  'enrollments-replay': 'raw: replay of enrollments SQL',
  cohorts: 'GET /cohorts?status=open',
  'cohorts-replay': 'raw: replay of cohort-list SQL',
  enroll: 'POST /cohorts/:id/enrollments (race)',
  'enroll-replay': 'raw: replay of enrollment SQL',
  login: 'POST /auth/login',
  'login-raw': 'raw: select + argon2 verify',
};

export function ratiosOf(
  cells: CellResult[],
  ce: CeFigures | null,
  web: WebWeight | null,
): Ratio[] {
  const byKey = new Map(cells.map((c) => [c.key, c]));
  const ratios: Ratio[] = [];
  const per = (
    name: string,
    num: string,
    den: string,
    metric: Metric,
    target: string,
    check: ((v: number) => boolean) | null,
    denMetric: Metric = metric,
  ) => {
    const a = byKey.get(num);
    const b = byKey.get(den);
    if (!a || !b) return;
    const values = a.rounds.map((s, i) => s[metric] / b.rounds[i]![denMetric]);
    const s = spread(values);
    ratios.push({ name, ...s, target, met: check ? check(s.median) : null });
  };
  const connections = [...new Set(cells.map((c) => c.connections))].sort((x, y) => x - y);
  for (const c of connections) {
    for (const size of ['large', 'small'] as const) {
      const n = size === 'large' ? '100k' : '1k';
      per(
        `progress / its replay, throughput, ${n} @${c}`,
        `progress@${size}@${c}`,
        `progress-replay@${size}@${c}`,
        'rps',
        '≥ 0.75',
        (v) => v >= 0.75,
      );
      per(
        `progress / its replay, p99, ${n} @${c}`,
        `progress@${size}@${c}`,
        `progress-replay@${size}@${c}`,
        'p99',
        '≤ 2',
        (v) => v <= 2,
      );
      per(
        `progress / GET /me, throughput, ${n} @${c}`,
        `progress@${size}@${c}`,
        `me@${size}@${c}`,
        'rps',
        '≥ 0.40',
        (v) => v >= 0.4,
      );
      per(
        `progress / GET /me, Node CPU per request, ${n} @${c}`,
        `progress@${size}@${c}`,
        `me@${size}@${c}`,
        'cpuUs',
        '≤ 2.5',
        (v) => v <= 2.5,
      );
    }
    per(
      `cohort list p50, 2,000 open / 100 open @${c}`,
      `cohorts@large@${c}`,
      `cohorts@small@${c}`,
      'p50',
      '≤ 1.2',
      (v) => v <= 1.2,
    );
    per(
      `progress p50, 100k / 1k @${c}`,
      `progress@large@${c}`,
      `progress@small@${c}`,
      'p50',
      '≤ 1.1',
      (v) => v <= 1.1,
    );
    per(
      `enrollments / its replay, throughput, 100k @${c}`,
      `enrollments@large@${c}`,
      `enrollments-replay@large@${c}`,
      'rps',
      '',
      null,
    );
    per(
      `enrollments / its replay, p99, 100k @${c}`,
      `enrollments@large@${c}`,
      `enrollments-replay@large@${c}`,
      'p99',
      '',
      null,
    );
    per(
      `cohort list / its replay, throughput, 100k @${c}`,
      `cohorts@large@${c}`,
      `cohorts-replay@large@${c}`,
      'rps',
      '',
      null,
    );
    per(
      `GET /me / raw PK select, throughput @${c}`,
      `me@large@${c}`,
      `pk@large@${c}`,
      'rps',
      '',
      null,
    );
    per(
      `login / raw argon2 verify, throughput @${c}`,
      `login@large@${c}`,
      `login-raw@large@${c}`,
      'rps',
      '',
      null,
    );
    per(
      `login / raw argon2 verify, Node CPU per request @${c}`,
      `login@large@${c}`,
      `login-raw@large@${c}`,
      'cpuUs',
      '',
      null,
    );
  }
  const enroll = byKey.get('enroll@large@50');
  if (enroll) {
    const s = spread(enroll.rounds.map((r) => r.rps / 210));
    ratios.push({
      name: 'enrollment into one cohort @50 / 210 per s today',
      ...s,
      target: '≥ 2',
      met: s.median >= 2,
    });
  }
  per(
    'enrollment / its replay, throughput @50',
    'enroll@large@50',
    'enroll-replay@large@50',
    'rps',
    '',
    null,
  );
  if (ce) {
    const s = spread(ce.rounds.map((r) => r.platformMs / r.rawMs));
    ratios.push({
      name: `CE for ${ce.trainees}: job / one multi-row INSERT`,
      ...s,
      target: '≤ 1.5',
      met: s.median <= 1.5,
    });
  }
  if (web) {
    const kb = web.firstLoadGzip / 1024;
    ratios.push({
      name: 'web first load of /: JavaScript, gzip KB',
      median: kb,
      min: kb,
      max: kb,
      target: '< 200',
      met: kb < 200,
    });
  }
  return ratios;
}

const fixed = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const range = (values: number[], digits: number) => {
  const s = spread(values);
  return `${fixed(s.median, digits)} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`;
};

/** The last run as Markdown (console and README alike); returns it. */
export function printReport(report: Report): string {
  const lines: string[] = [];
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');
  lines.push(
    `Run of ${report.date.slice(0, 16).replace('T', ' ')} UTC, commit \`${report.commit.slice(0, 12)}${report.commit.includes('uncommitted') ? ' + uncommitted changes' : ''}\`, ${report.cores} cores (${report.cpu}), load average (1, 5, 15 min) ${load(report.loadAverage.start)} at the start and ${load(report.loadAverage.end)} at the end${report.loadAverage.rounds.length ? ` (1 min: ${load(report.loadAverage.rounds)} as each round began)` : ''}; ${report.settings.rounds} interleaved rounds of ${report.settings.warmupSeconds} s warm-up + ${report.settings.seconds} s per figure, ${report.seconds} s in all. Median (min–max) over the rounds.`,
    '',
  );
  if (report.cells.length) {
    lines.push(
      '| request | trainees (open cohorts) | conns | 2xx/s | p50 ms | p99 ms | Node CPU µs/req | SQL/req |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const cell of report.cells) {
      const non2xx = cell.rounds.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
      lines.push(
        `| ${LABELS[cell.target] ?? cell.target}${non2xx ? ` (${non2xx} non-2xx)` : ''} | ${cell.population.toLocaleString('en')} (${cell.openCohorts.toLocaleString('en')}) | ${cell.connections} | ${range(
          cell.rounds.map((r) => r.rps),
          0,
        )} | ${range(
          cell.rounds.map((r) => r.p50),
          2,
        )} | ${range(
          cell.rounds.map((r) => r.p99),
          2,
        )} | ${range(
          cell.rounds.map((r) => r.cpuUs),
          0,
        )} | ${cell.statements === undefined || !cell.target.endsWith('-replay') ? '' : fixed(cell.statements, 1)} |`,
      );
    }
    lines.push('');
  }
  if (report.ce) {
    lines.push(
      `CE issuance for a completed cohort of ${report.ce.trainees}: the job ${range(
        report.ce.rounds.map((r) => r.platformMs),
        0,
      )} ms (Node CPU ${range(
        report.ce.rounds.map((r) => r.platformCpuMs),
        0,
      )} ms), one multi-row INSERT of the same rows ${range(
        report.ce.rounds.map((r) => r.rawMs),
        0,
      )} ms.`,
      '',
    );
  }
  if (report.web) {
    lines.push(
      `Web app, first load of \`/\`: ${(report.web.firstLoadGzip / 1024).toFixed(1)} KB of JavaScript gzipped${report.web.withPageGzip ? ` (${(report.web.withPageGzip / 1024).toFixed(1)} KB with the page a signed-in trainee sees)` : ''}, by ${report.web.how}.`,
      '',
    );
  }
  if (report.ratios.length) {
    lines.push('| ratio (issue 11) | median (min–max) | target | |', '| --- | ---: | --- | --- |');
    for (const r of report.ratios)
      lines.push(
        `| ${r.name} | ${fixed(r.median, 2)} (${fixed(r.min, 2)}–${fixed(r.max, 2)}) | ${r.target} | ${r.met === null ? '' : r.met ? 'met' : 'not met'} |`,
      );
  }
  const text = lines.join('\n');
  console.log(`\n${text}\n`);
  return text;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Puts the table between the README's bench markers. */
export function updateReadme(file: string, table: string): void {
  const readme = readFileSync(file, 'utf8');
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from === -1 || to < from) throw new Error(`${file} has no ${START} … ${END} section`);
  writeFileSync(file, `${readme.slice(0, from + START.length)}\n${table}\n${readme.slice(to)}`);
}
