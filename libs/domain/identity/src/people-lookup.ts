import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@msc/db';
import type { Role } from '@msc/kernel';

export interface PersonMatch {
  id: string;
  displayName: string;
  email: string;
  roles: Role[];
}

/** The most a lookup answers: enough to pick from, never a listing of everyone. */
export const LOOKUP_LIMIT = 20;

/** The words of what was typed, as a full-text prefix query: `ana tr` -> `ana:* & tr:*`. */
export function prefixQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : null;
}

/** `abc%` for LIKE, with the pattern characters of `text` taken literally. */
const prefixPattern = (text: string): string => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Finds people to pair in a practicum or to assign a review: by the beginning of any word of
 * their name or the beginning of their e-mail, optionally of one role. Both use an index
 * (`users_display_name_words_idx`, `users_email_prefix_idx`).
 */
@Injectable()
export class PeopleLookup {
  constructor(private readonly tx: TransactionHost) {}

  async find(input: { q: string; role?: Role; limit?: number }): Promise<PersonMatch[]> {
    const q = input.q.trim().toLowerCase();
    const words = prefixQuery(q);
    if (!q) return [];
    const rows = await this.tx.query<{
      id: string;
      display_name: string;
      email: string;
      roles: Role[];
    }>(
      `SELECT id, display_name, email, roles FROM users
       WHERE (($1::text IS NOT NULL AND to_tsvector('simple'::regconfig, display_name) @@ to_tsquery('simple'::regconfig, $1))
              OR lower(email) LIKE $2)
         AND ($3::text IS NULL OR $3 = ANY(roles))
       ORDER BY (lower(display_name) LIKE $2) DESC, lower(display_name), email
       LIMIT $4`,
      [
        words,
        prefixPattern(q),
        input.role ?? null,
        Math.min(input.limit ?? LOOKUP_LIMIT, LOOKUP_LIMIT),
      ],
    );
    return rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      email: row.email,
      roles: row.roles,
    }));
  }
}
