import { Role } from './role.js';

/** Who is asking: the signed-in user as the API saw them on this request. */
export interface Actor {
  id: string;
  roles: readonly Role[];
}

export const isAdmin = (actor: Actor) => actor.roles.includes(Role.Admin);
export const hasRole = (actor: Actor, role: Role) => actor.roles.includes(role);
