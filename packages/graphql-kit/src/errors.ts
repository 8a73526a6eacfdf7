import { GraphQLError } from 'graphql';
import type { z, ZodType } from 'zod';

/**
 * Stable error codes clients can branch on (DESIGN §6.7). Messages are for humans; codes and
 * `extensions.fields` are the contract.
 */
export const ErrorCode = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  RATE_LIMITED: 'RATE_LIMITED',
  CONFLICT: 'CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem with one input field; `path` is the field's position in the input object. */
export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super(`${entity} ${id} not found`, ErrorCode.NOT_FOUND, { entity, id });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this', extensions: Record<string, unknown> = {}) {
    super(message, ErrorCode.FORBIDDEN, extensions);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required', extensions: Record<string, unknown> = {}) {
    super(message, ErrorCode.UNAUTHENTICATED, extensions);
  }
}

export class BadUserInputError extends AppError {
  constructor(
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message, ErrorCode.BAD_USER_INPUT, { fields });
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, message = 'Too many requests') {
    super(`${message}; retry in ${retryAfterSeconds} s`, ErrorCode.RATE_LIMITED, { retryAfter: retryAfterSeconds });
  }
}

/** zod issues -> BAD_USER_INPUT with every field problem at once. */
export function badInputFromIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  message = 'Invalid input',
): BadUserInputError {
  return new BadUserInputError(
    message,
    issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}

/** Parses GraphQL input with a zod schema; every problem becomes a field error at once. */
export function parseInput<S extends ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw badInputFromIssues(result.error.issues);
  return result.data;
}
