import type { GraphqlErrorShape } from '../client/graphql-client';

export interface FieldProblem {
  /** Dotted path inside the input, e.g. "zones.0.rates.1.price" or "options.fields.price". */
  path: string;
  message: string;
}

/**
 * Every field problem of a BAD_USER_INPUT error with its whole path (field-errors.ts keeps only the
 * last part, which is enough for flat forms; nested editors need the rest). `prefix` ("input.",
 * "profile.") is taken off paths that start with it; problems outside it are dropped.
 */
export function fieldProblems(error: { errors: readonly GraphqlErrorShape[] } | undefined, prefix = ''): FieldProblem[] {
  if (!error) return [];
  const problems: FieldProblem[] = [];
  for (const graphqlError of error.errors) {
    const fields = graphqlError.extensions?.fields;
    if (!Array.isArray(fields)) continue;
    for (const field of fields as { path?: unknown; message?: unknown }[]) {
      const path = String(field.path ?? '');
      if (prefix && !path.startsWith(prefix)) continue;
      problems.push({ path: path.slice(prefix.length), message: String(field.message ?? '') });
    }
  }
  return problems;
}

/** The first message per path, for looking a field's problem up by its path. */
export function problemsByPath(problems: readonly FieldProblem[]): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const problem of problems) byPath[problem.path] ??= problem.message;
  return byPath;
}
