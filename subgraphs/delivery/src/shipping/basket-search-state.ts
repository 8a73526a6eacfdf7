/** The best plan found so far and the search's budget, shared by both levels of the search. */
export class BasketSearchState {
  /** Total of the best plan; Infinity until one is found. */
  best = Infinity;
  /** Option index per ordered release of the best plan. */
  bestChoice: number[] | null = null;
  nodes = 0;
  timedOut = false;

  constructor(
    private readonly now: () => number,
    private readonly deadline: number,
  ) {}

  /** Counts a node; true once the time limit is past (the clock is read every 1024 nodes only). */
  outOfTime(): boolean {
    if (this.timedOut) return true;
    if ((++this.nodes & 1023) === 0 && this.now() > this.deadline) this.timedOut = true;
    return this.timedOut;
  }

  /** Keeps a copy of `choice` when it beats the best plan. */
  offer(total: number, choice: readonly number[]): void {
    if (total >= this.best) return;
    this.best = total;
    this.bestChoice = [...choice];
  }
}
