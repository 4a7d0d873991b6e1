/**
 * Open event streams, counted per identity and in total, so one key (or everyone together) cannot
 * hold an unbounded number of connections and feeds. `take` returns the release, or null when a
 * cap is reached (the caller answers 429 with Retry-After).
 */
export class StreamSlots {
  private readonly byActor = new Map<string, number>();
  private total = 0;

  constructor(
    readonly maxTotal: number,
    readonly maxPerActor: number,
  ) {}

  take(actor: string): { release: () => void } | { refused: 'total' | 'actor' } {
    if (this.total >= this.maxTotal) return { refused: 'total' };
    const mine = this.byActor.get(actor) ?? 0;
    if (mine >= this.maxPerActor) return { refused: 'actor' };
    this.total++;
    this.byActor.set(actor, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const left = (this.byActor.get(actor) ?? 1) - 1;
        if (left > 0) this.byActor.set(actor, left);
        else this.byActor.delete(actor);
      },
    };
  }
}
