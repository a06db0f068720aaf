import { hasRole, type SessionUser } from '../identity/session';

/** Where a person lands after signing in, by their roles. */
export function homeOf(user: SessionUser): string {
  if (hasRole(user, 'trainee')) return '/';
  if (hasRole(user, 'mentor')) return '/reviews';
  if (hasRole(user, 'admin')) return '/admin/decisions';
  return '/profile';
}
