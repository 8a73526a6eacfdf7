import type { AuthChecker } from 'type-graphql';
import type { ReferenceResolver } from '../build-subgraph-schema.js';
import type { RequestContext, Role } from '../context.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

/**
 * `@Authorized()` needs a signed-in user; `@Authorized('ADMIN')` needs one of the roles.
 * Throws our own errors so clients always get UNAUTHENTICATED / FORBIDDEN codes.
 */
export const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  authorize(context, roles as Role[]);
  return true;
};

/** The rule of `@Authorized(...roles)` as a plain call: throws UNAUTHENTICATED or FORBIDDEN. */
export function authorize(context: RequestContext, roles: readonly Role[] = []): void {
  if (!context.user) throw new UnauthenticatedError();
  if (roles.length > 0 && !roles.some((role) => context.user?.roles.includes(role))) {
    throw new ForbiddenError(`Requires role ${roles.join(' or ')}`);
  }
}

/**
 * `__resolveReference` behind the rule of the entity's root fields. `_entities` is a root field
 * too: without this, an entity whose root fields are `@Authorized('ADMIN')` would be readable
 * by anyone who can name its id.
 */
export function authorizedReference(roles: readonly Role[], resolve: ReferenceResolver<RequestContext>): ReferenceResolver<RequestContext> {
  return (reference, context) => {
    authorize(context, roles);
    return resolve(reference, context);
  };
}

/** For services: the signed-in user or UNAUTHENTICATED. */
export function requireUser(context: RequestContext): NonNullable<RequestContext['user']> {
  if (!context.user) throw new UnauthenticatedError();
  return context.user;
}
