import { describe, expect, it } from 'vitest';
import { BadUserInputError } from './errors.js';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './pagination.js';

describe('cursor pagination', () => {
  it('round-trips a sort key through an opaque cursor', () => {
    const cursor = encodeCursor(['mgła', '0b6c4a0e-1c9e-4e65-9d0a-3b3a0f6f3c11']);
    expect(cursor).not.toContain('mg');
    expect(decodeCursor(cursor, 2)).toEqual(['mgła', '0b6c4a0e-1c9e-4e65-9d0a-3b3a0f6f3c11']);
  });

  it('rejects cursors that did not come from the list', () => {
    expect(() => decodeCursor('not-a-cursor', 2)).toThrow(BadUserInputError);
    expect(() => decodeCursor(encodeCursor(['only-one']), 2)).toThrow(/not a valid cursor/);
    expect(decodeCursor(null, 2)).toBeNull();
  });

  it('bounds the page size', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(101)).toThrow(BadUserInputError);
    expect(() => pageSize(0)).toThrow(/between 1 and 100/);
  });

  it('uses the extra fetched row only to tell there is a next page', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toConnection(rows, 2, (row) => [row.id]);
    expect(page.edges.map((edge) => edge.node.id)).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['b']) });
    expect(toConnection(rows.slice(0, 2), 2, (row) => [row.id]).pageInfo.hasNextPage).toBe(false);
    expect(toConnection([], 2, (row: { id: string }) => [row.id]).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
