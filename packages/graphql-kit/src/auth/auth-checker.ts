import { Authorized, type AuthChecker } from 'type-graphql';
import type { ReferenceResolver } from '../build-subgraph-schema.js';
import { isScope, type RequestContext, type Role, type Scope } from '../context.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

/**
 * What an operation asks of its caller: a scope of the access token (every operator operation
 * declares one, with `@RequireScope`), or a role for anything no scope covers.
 */
export type Requirement = Scope | Role;

/**
 * `@Authorized()` needs a signed-in user; `@RequireScope('sources:write')` needs that scope in the
 * token; `@Authorized('ADMIN')` one of the roles. Throws our own errors so clients always get
 * UNAUTHENTICATED / FORBIDDEN codes.
 */
export const authChecker: AuthChecker<RequestContext> = ({ context }, requirements) => {
  authorize(context, requirements as Requirement[]);
  return true;
};

/** The operation needs this scope in the caller's access token (the roles map to scopes in ROLE_SCOPES). */
export function RequireScope(scope: Scope): ReturnType<typeof Authorized> {
  return Authorized<Requirement>(scope);
}

/**
 * The rule of `@Authorized(...)` / `@RequireScope(...)` as a plain call: throws UNAUTHENTICATED,
 * or FORBIDDEN when none of the requirements is met; a missing scope is named in
 * `extensions.requiredScope` (space-separated when several would do, as OAuth writes scopes).
 */
export function authorize(context: RequestContext, requirements: readonly Requirement[] = []): void {
  const user = context.user;
  if (!user) throw new UnauthenticatedError();
  if (requirements.length === 0) return;
  const met = requirements.some((requirement) => (isScope(requirement) ? user.scopes.includes(requirement) : user.roles.includes(requirement)));
  if (met) return;
  const scopes = requirements.filter(isScope);
  if (scopes.length > 0) throw new ForbiddenError(`Requires scope ${scopes.join(' or ')}`, { requiredScope: scopes.join(' ') });
  throw new ForbiddenError(`Requires role ${requirements.join(' or ')}`);
}

/**
 * `__resolveReference` behind the rule of the entity's root fields. `_entities` is a root field
 * too: without this, an entity whose root fields need a scope would be readable by anyone who can
 * name its id.
 */
export function authorizedReference(requirements: readonly Requirement[], resolve: ReferenceResolver<RequestContext>): ReferenceResolver<RequestContext> {
  return (reference, context) => {
    authorize(context, requirements);
    return resolve(reference, context);
  };
}

/** For services: the signed-in user or UNAUTHENTICATED. */
export function requireUser(context: RequestContext): NonNullable<RequestContext['user']> {
  if (!context.user) throw new UnauthenticatedError();
  return context.user;
}
