import { useEffect } from 'react';

/** Parser run statuses that will still change. */
export const ACTIVE_RUN = ['QUEUED', 'RUNNING'];
const POLL_MS = 2_000;

/** Re-runs a query every few seconds while `active` (a parser run is going on). */
export function usePolling(active: boolean, refetch: () => void) {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(refetch, POLL_MS);
    return () => clearInterval(timer);
  }, [active, refetch]);
}
