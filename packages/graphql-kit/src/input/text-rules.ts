const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Text no field can store: PostgreSQL's text and jsonb refuse U+0000 ("invalid byte sequence"),
 * and a lone UTF-16 surrogate turns into U+FFFD on the way to UTF-8, so the stored value is not
 * what was sent. Checked once for every string argument, wherever it comes from.
 */
export function unstorableTextProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL (U+0000) characters';
  // With the u flag a paired surrogate is one code point, so only lone halves match.
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (no lone surrogates)';
  return undefined;
}
