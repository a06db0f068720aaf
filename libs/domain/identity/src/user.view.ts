import type { Role } from '@msc/kernel';

/** What the API shows of a user. */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  timeZone: string;
}

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  roles: Role[];
  time_zone: string;
  /** Selected by USER_COLUMNS; null while the account is active. */
  deactivated_at?: Date | null;
}

export const USER_COLUMNS = 'id, email, display_name, roles, time_zone, deactivated_at';

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    timeZone: row.time_zone,
  };
}

/** What an admin sees of a person: the user and whether the account is deactivated. */
export interface AdminUserView extends UserView {
  deactivatedAt: Date | null;
}

export function toAdminUserView(row: UserRow): AdminUserView {
  return { ...toUserView(row), deactivatedAt: row.deactivated_at ?? null };
}
