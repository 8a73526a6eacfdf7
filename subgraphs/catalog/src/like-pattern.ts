/** LIKE patterns over user text: its own %, _ and \ match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function containing(text: string): string {
  return `%${escapeLike(text)}%`;
}

export function startingWith(text: string): string {
  return `${escapeLike(text)}%`;
}
