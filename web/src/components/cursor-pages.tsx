import { useState } from 'react';

/**
 * Relay-connection paging forwards and back: the cursors of the pages before this one are kept,
 * "Next" pushes the page's endCursor, "Previous" pops. `reset` goes back to the first page (new filters).
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    next: (endCursor: string | null | undefined) => setCursors((list) => [...list, endCursor ?? null]),
    previous: () => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list)),
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
