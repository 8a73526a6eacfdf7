import type { GraphqlErrorShape } from '../client/graphql-client';

export interface FieldErrors {
  /** Message per input field ("url", "email", ...), shown beside it. */
  fields: Record<string, string>;
  /** What belongs to no field of the form: shown under it. */
  general: string | null;
}

/**
 * BAD_USER_INPUT names its fields in extensions.fields ({ path, message }); a path may be nested
 * ("input.url"): the form's field is its last part, list positions aside ("input.aliases.2": aliases). A problem with a field the form does not show
 * makes the error's own message show under the form.
 */
export function fieldErrors(error: { message: string; errors: readonly GraphqlErrorShape[] } | undefined, shown: readonly string[]): FieldErrors {
  const result: FieldErrors = { fields: {}, general: null };
  if (!error) return result;
  let unplaced = false;
  for (const problem of error.errors) {
    const fields = problem.extensions?.fields;
    if (!Array.isArray(fields)) continue;
    for (const field of fields as { path?: unknown; message?: unknown }[]) {
      // "aliases.2" (the third alias) belongs to the form's aliases field.
      const parts = String(field.path ?? '').split('.');
      while (parts.length > 1 && /^\d+$/.test(parts[parts.length - 1]!)) parts.pop();
      const name = parts.pop() ?? '';
      const message = String(field.message ?? '');
      if (shown.includes(name)) result.fields[name] ??= message;
      else unplaced = true;
    }
  }
  // The server's message reads on its own ("Email is not available on this server").
  if (unplaced || Object.keys(result.fields).length === 0) result.general = error.message;
  return result;
}
