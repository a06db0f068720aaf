import { Injectable } from '@nestjs/common';
import pg from 'pg';
import { TransactionHost, type WritePart } from '@msc/db';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subject: string;
  details?: Record<string, unknown>;
}

export interface AuditEventView {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  limit: number;
  /** The id of the last event of the previous page. */
  cursor?: string;
  actorId?: string;
  action?: string;
  subject?: string;
  /** Events at or after this instant. */
  from?: Date;
  /** Events before this instant. */
  to?: Date;
}

/** Writes audit rows in the caller's transaction, so an action and its record commit together. */
@Injectable()
export class AuditLog {
  constructor(private readonly tx: TransactionHost) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.tx.query(
      'INSERT INTO audit_events (actor_id, action, subject, details) VALUES ($1, $2, $3, $4::jsonb)',
      this.valuesOf(entry),
    );
  }

  /** The record as a part of another context's statement, written when `gate` has a row. */
  part(entry: AuditEntry): WritePart {
    return {
      sql: (gate, n) =>
        `INSERT INTO audit_events (actor_id, action, subject, details)
         SELECT $${n + 1}::uuid, $${n + 2}::text, $${n + 3}::text, $${n + 4}::jsonb
         WHERE EXISTS (SELECT 1 FROM ${gate})`,
      values: this.valuesOf(entry),
    };
  }

  /**
   * One record for all the rows of `gate`, none when it has none: the entry's details plus, under
   * `count`, how many rows, and under each name of `collect`, the values of that column in order.
   */
  partOverRows(
    entry: AuditEntry,
    rows: { count?: string; collect?: Record<string, string> },
  ): WritePart {
    const { escapeIdentifier: name, escapeLiteral: text } = pg;
    const made = [
      ...(rows.count ? [`${text(rows.count)}, count(*)`] : []),
      ...Object.entries(rows.collect ?? {}).map(
        ([key, column]) => `${text(key)}, jsonb_agg(g.${name(column)} ORDER BY g.${name(column)})`,
      ),
    ];
    return {
      sql: (gate, n) =>
        `INSERT INTO audit_events (actor_id, action, subject, details)
         SELECT $${n + 1}::uuid, $${n + 2}::text, $${n + 3}::text,
                $${n + 4}::jsonb || jsonb_build_object(${made.join(', ')})
         FROM ${gate} g HAVING count(*) > 0`,
      values: this.valuesOf(entry),
    };
  }

  private valuesOf(entry: AuditEntry): unknown[] {
    return [entry.actorId, entry.action, entry.subject, JSON.stringify(entry.details ?? {})];
  }

  async list(query: AuditQuery): Promise<{ items: AuditEventView[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.cursor) add('id < ?::bigint', query.cursor);
    if (query.actorId) add('actor_id = ?', query.actorId);
    if (query.action) add('action = ?', query.action);
    if (query.subject) add('subject = ?', query.subject);
    if (query.from) add('at >= ?', query.from);
    if (query.to) add('at < ?', query.to);
    params.push(query.limit + 1);
    const rows = await this.tx.query<{
      id: string;
      at: Date;
      actor_id: string | null;
      action: string;
      subject: string;
      details: Record<string, unknown>;
    }>(
      `SELECT id, at, actor_id, action, subject, details FROM audit_events
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => ({
        id: String(r.id),
        at: r.at.toISOString(),
        actorId: r.actor_id,
        action: r.action,
        subject: r.subject,
        details: r.details,
      })),
      nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null,
    };
  }
}
