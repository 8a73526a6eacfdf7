import { foldCharwise } from '../../extract/text.js';

/** Values of tags that start with a prefix ("Label_Peaceville" with "Label_" -> "Peaceville"), case-insensitively. */
export function tagValues(tags: readonly string[], prefix: string | undefined): string[] {
  if (!prefix) return [];
  const wanted = foldCharwise(prefix);
  return tags
    .filter((tag) => foldCharwise(tag).startsWith(wanted))
    .map((tag) => tag.slice(prefix.length).trim())
    .filter((value) => value !== '');
}

/** Tags without any of the given prefixes: the ones that are plain keywords. */
export function plainTags(tags: readonly string[], prefixes: readonly (string | undefined)[]): string[] {
  const folded = prefixes.filter((p): p is string => Boolean(p)).map((p) => foldCharwise(p));
  return tags.filter((tag) => !folded.some((prefix) => foldCharwise(tag).startsWith(prefix)));
}
