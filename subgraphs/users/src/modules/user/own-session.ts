import type { UserEntity } from './user.entity.js';

/**
 * Users returned by register/login/refresh belong to the caller, who has no token in this
 * request yet: they may see their own email.
 */
const ownSessions = new WeakSet<UserEntity>();
export function markOwnSession(user: UserEntity): UserEntity {
  ownSessions.add(user);
  return user;
}
export function isOwnSession(user: UserEntity): boolean {
  return ownSessions.has(user);
}
