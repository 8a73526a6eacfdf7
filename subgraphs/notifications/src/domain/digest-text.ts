/**
 * As many whole parts as fit in `max` characters, joined; when some are left out, a last line
 * saying how many (`more`). A digest is cut between notifications, never inside one.
 */
export function joinWithin(parts: readonly string[], max: number, separator: string, more: (left: number) => string): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, part] of parts.entries()) {
    const left = parts.length - index - 1;
    const tail = left > 0 ? separator.length + more(left).length : 0;
    const added = (kept.length > 0 ? separator.length : 0) + part.length;
    if (length + added + tail > max) break;
    kept.push(part);
    length += added;
  }
  const dropped = parts.length - kept.length;
  return dropped > 0 ? [...kept, more(dropped)].join(separator) : kept.join(separator);
}
