/**
 * The changes this gateway has seen, as a counter: work begun at one mark (a query or a subgraph
 * fetch in flight, an answer about to be stored) is shared only with work begun at the same
 * mark. The response cache advances it on every invalidation; every mutation through the gateway
 * advances it too, cache or not, so a read sent after a mutation's answer never joins a query or
 * fetch in flight since before that mutation (it could not show what the caller just wrote).
 */
export class ChangeMarks {
  private clock = 0;

  /** The current point; work begun now carries it. */
  mark(): number {
    return this.clock;
  }

  /** Records a change and returns the point it happened at: work marked at or before it predates it. */
  advance(): number {
    return this.clock++;
  }
}
