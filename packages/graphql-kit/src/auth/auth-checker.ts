import type { AuthChecker } from 'type-graphql';
import type { RequestContext, Role } from '../context.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

/**
 * `@Authorized()` needs a signed-in user; `@Authorized('ADMIN')` needs one of the roles.
 * Throws our own errors so clients always get UNAUTHENTICATED / FORBIDDEN codes.
 */
export const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  if (!context.user) throw new UnauthenticatedError();
  if (roles.length > 0 && !roles.some((role) => context.user?.roles.includes(role as Role))) {
    throw new ForbiddenError(`Requires role ${roles.join(' or ')}`);
  }
  return true;
};

/** For services: the signed-in user or UNAUTHENTICATED. */
export function requireUser(context: RequestContext): NonNullable<RequestContext['user']> {
  if (!context.user) throw new UnauthenticatedError();
  return context.user;
}
