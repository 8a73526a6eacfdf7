import { useState } from 'react';

/**
 * Relay paging backwards and forwards: the cursors of the pages seen so far, so "Previous" returns
 * to the exact page it came from. `after` goes into the query's variables.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    next: (endCursor: string | null | undefined) => setCursors((seen) => [...seen, endCursor ?? null]),
    previous: () => setCursors((seen) => (seen.length > 1 ? seen.slice(0, -1) : seen)),
    reset: () => setCursors([null]),
  };
}

export function Pager({
  label,
  pages,
  pageInfo,
  loading,
}: {
  label: string;
  pages: ReturnType<typeof useCursorPages>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  loading: boolean;
}) {
  if (pages.page === 1 && !pageInfo.hasNextPage) return null;
  return (
    <nav className="actions" aria-label={label}>
      <button type="button" className="secondary" disabled={pages.page === 1 || loading} onClick={pages.previous}>
        Previous
      </button>
      <button type="button" className="secondary" disabled={!pageInfo.hasNextPage || loading} onClick={() => pages.next(pageInfo.endCursor)}>
        Next
      </button>
      <span className="muted small">Page {pages.page}</span>
    </nav>
  );
}
