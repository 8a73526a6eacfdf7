/**
 * Who may do what, in one place. The users service writes a user's scopes into the access token
 * from their roles (OAuth style, space-separated `scope` claim) when it signs one in or refreshes;
 * every subgraph checks the scope an operation declares against the token, never the role.
 * These scope names are a public contract (tokens, `extensions.requiredScope`): never rename one.
 */
export const ROLES = ['USER', 'EDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['sources:write', 'catalog:write', 'delivery:write', 'events:replay', 'users:admin', 'broadcast'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * A `:write` scope also opens that area's operator views (source lists, runs, review queue): there
 * is no separate read scope.
 *
 * EDITOR keeps the data right (sources, shops and their shipping rules, resolution and merges) but
 * gets no `events:replay`: replaying a dead letter redelivers any stream's failed events,
 * notification deliveries to fans included, which is operations and as far-reaching as a
 * broadcast. Users, roles, signing keys and broadcasts stay with ADMIN.
 */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  USER: [],
  EDITOR: ['sources:write', 'catalog:write', 'delivery:write'],
  ADMIN: SCOPES,
};

/** The scopes a token for these roles carries, in the order of SCOPES, each once. */
export function scopesOf(roles: readonly Role[]): Scope[] {
  const granted = new Set(roles.flatMap((role) => ROLE_SCOPES[role] ?? []));
  return SCOPES.filter((scope) => granted.has(scope));
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
