import type { TransactionHost } from '@msc/db';
import type { AuditLog } from '@msc/domain/audit';
import type { Actor } from '@msc/kernel';
import { PEOPLE } from '@msc/domain/identity';
import { evidenceRows } from '@msc/domain/pathway';
import { ownDecision } from './applications.errors.js';

/**
 * The shape attestations and applications share: a trainee submits, an admin decides once. Table
 * and column names are constants of the two repositories, never input.
 */
export interface DecidedSubmissionTable {
  table: 'attestations' | 'applications';
  /** The selected columns, on alias `a`. */
  columns: string;
  /** The status an admin may still decide (`pending`, `submitted`). */
  openStatus: string;
  /** The status that counts for the pathway (`verified`, `approved`), and its standing alias. */
  acceptedStatus: string;
  acceptedAlias: string;
  openAlias: string;
}

/** Reads and decisions over one decided-submission table, in the caller's transaction. */
export class DecidedSubmissions<Row> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly t: DecidedSubmissionTable,
  ) {}

  async findById(id: string): Promise<Row | null> {
    const rows = await this.tx.query<Row>(
      `SELECT ${this.t.columns} FROM ${this.t.table} a WHERE a.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  list<ListRow>(filter: { userId?: string; status?: string; limit: number; offset: number }) {
    return this.tx.page<ListRow>(
      {
        sql: `SELECT a.id, a.created_at FROM ${this.t.table} a
              WHERE ($1::uuid IS NULL OR a.user_id = $1) AND ($2::text IS NULL OR a.status = $2)`,
        params: [filter.userId ?? null, filter.status ?? null],
        orderBy: 'created_at DESC, id DESC',
        // The names of the trainee and of the deciding admin, for the page's rows only.
        perRow: {
          joins: `JOIN ${this.t.table} a ON a.id = page.id JOIN ${PEOPLE} u ON u.id = a.user_id
                  LEFT JOIN ${PEOPLE} d ON d.id = a.decided_by`,
          columns: `${this.t.columns}, u.display_name AS trainee_name,
                    d.display_name AS decided_by_name`,
        },
      },
      filter,
    );
  }

  /** Decides an open submission; null when it is not open (or not there). */
  async decide(
    id: string,
    decision: { status: string; decidedBy: string; note: string | null },
  ): Promise<Row | null> {
    const rows = await this.tx.query<Row>(
      `UPDATE ${this.t.table} a SET status = $2, decided_at = now(), decided_by = $3,
              decision_note = $4
       WHERE a.id = $1 AND a.status = $5 RETURNING ${this.t.columns}`,
      [id, decision.status, decision.decidedBy, decision.note, this.t.openStatus],
    );
    return rows[0] ?? null;
  }

  /**
   * Where each of the trainee's kinds stands: the progress statement's part (see EvidenceSql), a
   * JSON array of StandingRow with dates as text. `userId` and `kinds` are SQL placeholders.
   */
  standingSql(userId: string, kinds: string): string {
    return evidenceRows(
      `SELECT kind,
              min(decided_at) FILTER (WHERE status = '${this.t.acceptedStatus}') AS ${this.t.acceptedAlias},
              bool_or(status = '${this.t.openStatus}') AS ${this.t.openAlias},
              bool_or(status = 'rejected') AS rejected,
              (array_agg(decision_note ORDER BY decided_at DESC)
                 FILTER (WHERE status = 'rejected'))[1] AS rejection_note
       FROM ${this.t.table} WHERE user_id = ${userId} AND kind = ANY(${kinds})
       GROUP BY kind`,
    );
  }
}

interface DecidableRow {
  id: string;
  user_id: string;
  kind: string;
  status: string;
}

/**
 * An admin's decision on a submission, inside the caller's transaction: refused when the
 * submission is unknown or already decided, or is the admin's own (the decision rolls back), and
 * audited with it.
 */
export async function applyDecision<Row extends DecidableRow>(args: {
  submissions: Pick<DecidedSubmissions<Row>, 'decide' | 'findById'>;
  audit: AuditLog;
  actor: Actor;
  id: string;
  status: string;
  note: string | null;
  what: 'attestation' | 'application';
  notFound: () => Error;
  alreadyDecided: (status: string) => Error;
}): Promise<Row> {
  const { actor, id, note, what } = args;
  const row = await args.submissions.decide(id, { status: args.status, decidedBy: actor.id, note });
  if (!row) {
    const existing = await args.submissions.findById(id);
    throw existing ? args.alreadyDecided(existing.status) : args.notFound();
  }
  if (row.user_id === actor.id) throw ownDecision(what);
  await args.audit.record({
    actorId: actor.id,
    action: `${what}.${row.status}`,
    subject: `${what}/${row.id}`,
    details: { traineeId: row.user_id, kind: row.kind, note },
  });
  return row;
}
