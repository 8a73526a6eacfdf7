/** Outcome of an extraction that can fail for a reason worth recording (never thrown). */
export type Extraction<T> = { ok: true; value: T } | { ok: false; reason: string };

export const extracted = <T>(value: T): Extraction<T> => ({ ok: true, value });
export const notExtracted = <T = never>(reason: string): Extraction<T> => ({ ok: false, reason });
