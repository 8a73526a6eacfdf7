import { z } from 'zod';

export const DISPLAY_NAME_MAX = 60;

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks): U+202E in a name shown next
 * to others' text reverses what follows it, the classic way to fake a file name or a title.
 */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * Something a reader can see: a letter, digit, punctuation mark or symbol, other than the
 * letters and symbols that render as blank (Hangul fillers, the blank Braille pattern).
 */
const VISIBLE = /(?![\u115F\u1160\u3164\uFFA0\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * A name shown to other fans: trimmed, NFC-normalised (so "é" typed two ways is one name),
 * 1 to 60 characters, at least one of them visible, with no control or bidi-control characters.
 */
export const displayNameSchema = z
  .string()
  .superRefine((value, context) => {
    // Checked before normalising: NFC would pass a lone surrogate through unchanged anyway.
    if (LONE_SURROGATE.test(value)) context.addIssue({ code: 'custom', message: 'must be well-formed Unicode (no lone surrogates)' });
    else if (BIDI_CONTROL.test(value)) context.addIssue({ code: 'custom', message: 'must not contain right-to-left or other bidirectional control characters' });
    else if (CONTROL.test(value)) context.addIssue({ code: 'custom', message: 'must not contain control characters' });
  })
  .transform((value) => value.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(DISPLAY_NAME_MAX, `must be at most ${DISPLAY_NAME_MAX} characters`)
      // An empty name already has its own message.
      .refine((name) => name.length === 0 || VISIBLE.test(name), 'must contain at least one visible character'),
  );
