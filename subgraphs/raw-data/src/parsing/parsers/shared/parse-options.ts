import type { z } from 'zod';

/** Validates a source's options; the error text names every offending path so the config can be fixed. */
export function parseOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: unknown,
): { ok: true; options: z.output<Schema> } | { ok: false; message: string; detail: string } {
  const result = schema.safeParse(options ?? {});
  if (result.success) return { ok: true, options: result.data };
  const detail = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(options)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, message: 'invalid source options', detail };
}

/** A regular expression given as text in the options; must compile. */
export function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
