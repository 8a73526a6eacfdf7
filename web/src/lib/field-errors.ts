import type { GraphqlErrorShape } from '../client/graphql-client';

export interface FieldErrors {
  /** Message per input field ("url", "email", ...), shown beside it. */
  fields: Record<string, string>;
  /** What belongs to no field of the form: shown under it. */
  general: string | null;
}

/**
 * BAD_USER_INPUT names its fields in extensions.fields ({ path, message }); a path may be nested
 * ("input.url"): the form's field is its last part. Fields the form does not show go to general.
 */
export function fieldErrors(error: { message: string; errors: readonly GraphqlErrorShape[] } | undefined, shown: readonly string[]): FieldErrors {
  const result: FieldErrors = { fields: {}, general: null };
  if (!error) return result;
  const unplaced: string[] = [];
  for (const problem of error.errors) {
    const fields = problem.extensions?.fields;
    if (!Array.isArray(fields)) continue;
    for (const field of fields as { path?: unknown; message?: unknown }[]) {
      const name = String(field.path ?? '').split('.').pop() ?? '';
      const message = String(field.message ?? '');
      if (shown.includes(name)) result.fields[name] ??= message;
      else unplaced.push(name ? `${name} ${message}` : message);
    }
  }
  if (unplaced.length > 0) result.general = unplaced.join('; ');
  else if (Object.keys(result.fields).length === 0) result.general = error.message;
  return result;
}
