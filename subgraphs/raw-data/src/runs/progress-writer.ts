export interface PageProgress {
  pagesFetched: number;
  pagesNotModified: number;
}

/**
 * A run's page progress, written beside its crawl: the crawl goes on to its next page while the
 * write is on its way (an awaited write per page was one more round trip in every page's turn).
 * At most one write is in flight; progress reported meanwhile is coalesced into the next, the
 * latest winning, and the run's finish writes the final counts anyway. A failed write is only
 * reported: the heartbeat timer keeps proving the run alive.
 */
export class ProgressWriter {
  private latest: PageProgress | null = null;
  private writing: Promise<void> | null = null;

  constructor(
    private readonly write: (progress: PageProgress) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  report(progress: PageProgress): void {
    this.latest = progress;
    this.writing ??= this.drain();
  }

  /** Resolves once the last progress reported is written (or failed). */
  async settled(): Promise<void> {
    await this.writing;
  }

  private async drain(): Promise<void> {
    while (this.latest) {
      const progress = this.latest;
      this.latest = null;
      try {
        await this.write(progress);
      } catch (error) {
        this.onError(error);
      }
    }
    this.writing = null;
  }
}
