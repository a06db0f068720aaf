import type { Role } from '@msc/domain/kernel';

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
}

export const USER_COLUMNS = 'id, email, display_name, roles, time_zone';

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    timeZone: row.time_zone,
  };
}
