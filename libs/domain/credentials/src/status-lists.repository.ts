import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import { MIN_STATUS_LIST_SIZE } from './bitstring-status-list.js';
import type { StatusPurpose } from './status-list.entity.js';

export interface StatusListRow {
  id: string;
  purpose: StatusPurpose;
  size: number;
}

const CANDIDATES = 32;
/** A list stops taking entries when this share is used: random picks stay cheap, and herds large. */
const FULL_RATIO = 0.75;

// Which credentials columns hold each purpose's entry, and which status sets its bit.
const ENTRY = {
  revocation: { list: 'revocation_list_id', index: 'revocation_index', status: 'revoked' },
  suspension: { list: 'suspension_list_id', index: 'suspension_index', status: 'suspended' },
} as const satisfies Record<StatusPurpose, { list: string; index: string; status: string }>;

@Injectable()
export class StatusListsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async findById(id: string): Promise<StatusListRow | null> {
    const rows = await this.tx.query<StatusListRow>(
      'SELECT id, purpose, size FROM status_lists WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }

  /** The list of this purpose that takes new entries, made when there is none. */
  async openList(purpose: StatusPurpose): Promise<StatusListRow> {
    for (;;) {
      const rows = await this.tx.query<StatusListRow>(
        'SELECT id, purpose, size FROM status_lists WHERE purpose = $1 AND full_at IS NULL',
        [purpose],
      );
      if (rows[0]) return rows[0];
      await this.tx.query(
        `INSERT INTO status_lists (purpose, size) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [purpose, MIN_STATUS_LIST_SIZE],
      );
    }
  }

  /**
   * A random index no credential uses yet in the open list of this purpose (random, so that an
   * index says nothing about when or in what order a credential was issued).
   */
  async pickFreeIndex(purpose: StatusPurpose): Promise<{ listId: string; index: number }> {
    const entry = ENTRY[purpose];
    for (;;) {
      const list = await this.openList(purpose);
      const candidates = Array.from({ length: CANDIDATES }, () => randomInt(list.size));
      const free = await this.tx.query<{ index: number }>(
        `SELECT c AS index FROM unnest($2::int[]) AS c
         WHERE NOT EXISTS (SELECT 1 FROM credentials WHERE ${entry.list} = $1 AND ${entry.index} = c)
         LIMIT 1`,
        [list.id, candidates],
      );
      if (free[0]) return { listId: list.id, index: free[0].index };
      await this.tx.query(
        `UPDATE status_lists SET full_at = now()
         WHERE id = $1 AND full_at IS NULL
           AND (SELECT count(*) FROM credentials WHERE ${entry.list} = $1) >= $2`,
        [list.id, Math.floor(list.size * FULL_RATIO)],
      );
    }
  }

  /** The indexes whose bit is set: credentials of the list in the status of its purpose. */
  async setIndexes(list: StatusListRow): Promise<number[]> {
    const entry = ENTRY[list.purpose];
    const rows = await this.tx.query<{ index: number }>(
      `SELECT ${entry.index} AS index FROM credentials
       WHERE ${entry.list} = $1 AND status = '${entry.status}'`,
      [list.id],
    );
    return rows.map((r) => r.index);
  }
}
