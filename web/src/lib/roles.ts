import type { Role } from '@mrt/operations';

/** The roles an admin can give or take, strongest last; USER every account keeps. */
export const ASSIGNABLE_ROLES = ['EDITOR', 'ADMIN'] as const satisfies readonly Role[];

export const ROLE_LABELS = {
  USER: 'Fan',
  EDITOR: 'Editor (sources, shops, resolution)',
  ADMIN: 'Admin (everything, including users and broadcasts)',
} as const satisfies Record<Role, string>;

/** The account's roles with `role` switched on or off; USER always stays, order is the schema's. */
export function withRole(roles: readonly Role[], role: Role, on: boolean): Role[] {
  const set = new Set<Role>([...roles, 'USER']);
  if (on) set.add(role);
  else if (role !== 'USER') set.delete(role);
  return (['USER', 'EDITOR', 'ADMIN'] as const).filter((r) => set.has(r));
}

/** Why a role switch is disabled, or null: an admin cannot take ADMIN from themselves (the server refuses too). */
export function roleSwitchLock(user: { id: string; roles: readonly Role[] }, role: Role, signedInId: string | undefined): string | null {
  if (role === 'ADMIN' && user.id === signedInId && user.roles.includes('ADMIN')) return 'You cannot take ADMIN from yourself.';
  return null;
}
