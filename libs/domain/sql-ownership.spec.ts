import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { applicationsTables } from '@msc/domain/applications';
import { auditTables } from '@msc/domain/audit';
import { ceCreditsTables } from '@msc/domain/ce-credits';
import { coursesTables } from '@msc/domain/courses';
import { credentialsTables } from '@msc/domain/credentials';
import { identityTables } from '@msc/domain/identity';
import { notificationsTables } from '@msc/domain/notifications';
import { pathwayTables } from '@msc/domain/pathway';
import { practicumTables } from '@msc/domain/practicum';

const ROOT = process.cwd();
const DOMAIN = join(ROOT, 'libs/domain');

/** Who owns each table: every context's declared list (its tables.ts), and the platform's outbox. */
const OWNED: Record<string, readonly string[]> = {
  identity: identityTables,
  audit: auditTables,
  notifications: notificationsTables,
  pathway: pathwayTables,
  courses: coursesTables,
  'ce-credits': ceCreditsTables,
  applications: applicationsTables,
  practicum: practicumTables,
  credentials: credentialsTables,
  maintenance: [],
  // libs/db: domain code enqueues through Outbox, never by naming its table.
  '@msc/db': ['outbox'],
};

interface Crossing {
  file: string;
  line: number;
  table: string;
  owner: string;
}

const ownerOf = new Map(
  Object.entries(OWNED).flatMap(([context, tables]) => tables.map((t) => [t, context] as const)),
);

// A table named where SQL reads or writes one. Keywords are matched as written in this code base
// (upper case), so prose like "from courses" in a message is not taken for SQL.
const TABLE_REFERENCE =
  /\b(?:FROM|JOIN|INTO|UPDATE|USING|TABLE)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?/g;

/** The text of every string and template literal in a source file, interpolations blanked out. */
function literals(file: string, source: string): { text: string; line: number }[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    if (ts.isTemplateExpression(node)) {
      text = [
        node.head.text,
        ...node.templateSpans.map((span) => ` \${…} ${span.literal.text}`),
      ].join('');
    }
    if (text !== null) {
      found.push({ text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
      if (ts.isTemplateExpression(node))
        node.templateSpans.forEach((span) => visit(span.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Every place a context's SQL names a table another context (or the platform) owns. */
function crossingsIn(context: string, file: string, source: string): Crossing[] {
  const crossings: Crossing[] = [];
  for (const literal of literals(file, source)) {
    for (const match of literal.text.matchAll(TABLE_REFERENCE)) {
      const table = match[1]!;
      const owner = ownerOf.get(table);
      if (owner !== undefined && owner !== context) {
        const line = literal.line + literal.text.slice(0, match.index).split('\n').length - 1;
        crossings.push({ file, line, table, owner });
      }
    }
  }
  return crossings;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const contexts = readdirSync(DOMAIN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function allCrossings(): Crossing[] {
  return contexts.flatMap((context) =>
    sourceFiles(join(DOMAIN, context, 'src')).flatMap((path) =>
      crossingsIn(context, relative(ROOT, path), readFileSync(path, 'utf8')),
    ),
  );
}

/** Tables the migrations leave in place: created by an `up` and not dropped by a later one. */
function migratedTables(): Set<string> {
  const dir = join(ROOT, 'migrations');
  const tables = new Set<string>();
  for (const name of readdirSync(dir)
    .filter((n) => /^\d+-.+\.ts$/.test(n))
    .sort()) {
    const source = readFileSync(join(dir, name), 'utf8');
    const up = source.slice(source.indexOf('async up('), source.indexOf('async down('));
    for (const m of up.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_][a-z0-9_]*)"?/g)) {
      tables.add(m[1]!);
    }
    for (const m of up.matchAll(/DROP TABLE (?:IF EXISTS )?"?([a-z_][a-z0-9_]*)"?/g)) {
      tables.delete(m[1]!);
    }
  }
  return tables;
}

describe('SQL ownership', () => {
  it('should declare the tables of every context, each owned once', () => {
    expect(
      Object.keys(OWNED)
        .filter((c) => c !== '@msc/db')
        .sort(),
    ).toEqual([...contexts].sort());
    const declared = Object.values(OWNED).flat();
    expect(declared.filter((t, i) => declared.indexOf(t) !== i)).toEqual([]);
  });

  it('should declare exactly the tables the migrations create', () => {
    expect([...ownerOf.keys()].sort()).toEqual([...migratedTables()].sort());
  });

  it("should name no other context's table in a context's SQL", () => {
    const crossings = allCrossings().map(
      (c) => `${c.file}:${c.line} names ${c.table}, a table of ${c.owner}`,
    );
    expect(crossings).toEqual([]);
  });

  it('should see a table named in a template, past an interpolated fragment', () => {
    const source =
      'const q = `SELECT x FROM ${PEOPLE} u\n  JOIN "cohorts" c ON c.id = u.id`;\n' +
      "const prose = 'Withdraw from courses';\n" +
      "const own = 'SELECT 1 FROM ce_credits';";
    expect(crossingsIn('ce-credits', 'x.ts', source)).toEqual([
      { file: 'x.ts', line: 2, table: 'cohorts', owner: 'courses' },
    ]);
  });
});
