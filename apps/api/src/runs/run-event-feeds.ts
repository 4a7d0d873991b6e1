import type { RunEventDto } from '@soar/contracts';
import { isTerminalRunStatus } from '@soar/contracts';
import type { RunRepository } from '@soar/persistence';

const POLL_MS = 250;

/** One subscriber of a run's feed: told of every new event, of the end, or of a failure. */
export interface FeedListener {
  event(event: RunEventDto): void;
  end(): void;
  fail(error: unknown): void;
}

interface Feed {
  listeners: Set<FeedListener>;
  cursor: bigint;
  timer?: NodeJS.Timeout;
}

/**
 * One Postgres poll loop per run, shared by every stream open on it (200 streams on one run are
 * one loop, not 200 loops each polling every 250 ms). The loop starts with the run's first
 * subscriber and stops with its last, or when the run has ended and has nothing more to send.
 * A late subscriber catches up once from the store (StreamedRunEvents) and then listens here.
 */
export class RunEventFeeds {
  private readonly feeds = new Map<string, Feed>();
  /** Store reads made by the loops, for tests that count work instead of timing it. */
  loopQueries = 0;
  loopsStarted = 0;

  constructor(private readonly runs: RunRepository) {}

  /** Listens to `runId`'s new events; a new loop starts reading after `from`. Returns the unsubscribe. */
  subscribe(runId: string, from: bigint, listener: FeedListener): () => void {
    let feed = this.feeds.get(runId);
    if (!feed) {
      feed = { listeners: new Set(), cursor: from };
      this.feeds.set(runId, feed);
      this.loopsStarted++;
      const started = feed;
      setImmediate(() => void this.tick(runId, started));
    }
    feed.listeners.add(listener);
    const joined = feed;
    return () => {
      joined.listeners.delete(listener);
      if (joined.listeners.size === 0) this.stop(runId, joined);
    };
  }

  has(runId: string): boolean {
    return this.feeds.has(runId);
  }

  /** Loops running now (one per run with at least one open stream). */
  get activeLoops(): number {
    return this.feeds.size;
  }

  private stop(runId: string, feed: Feed): void {
    clearTimeout(feed.timer);
    if (this.feeds.get(runId) === feed) this.feeds.delete(runId);
  }

  private async tick(runId: string, feed: Feed): Promise<void> {
    if (this.feeds.get(runId) !== feed) return;
    try {
      this.loopQueries += 2;
      const events = await this.runs.events(runId, feed.cursor);
      for (const event of events) {
        feed.cursor = BigInt(event.id);
        const data: RunEventDto = { ...event, runId };
        for (const listener of [...feed.listeners]) listener.event(data);
      }
      const run = await this.runs.result(runId);
      if (!run || (isTerminalRunStatus(run.status) && events.length === 0)) {
        this.stop(runId, feed);
        for (const listener of [...feed.listeners]) listener.end();
        return;
      }
    } catch (error) {
      this.stop(runId, feed);
      for (const listener of [...feed.listeners]) listener.fail(error);
      return;
    }
    if (this.feeds.get(runId) === feed) feed.timer = setTimeout(() => void this.tick(runId, feed), POLL_MS);
  }
}
