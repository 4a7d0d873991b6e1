import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { ERROR_CODES, type RunEventDto } from '@soar/contracts';
import type { RunRepository } from '@soar/persistence';
import type { ApiConfig } from '../api.config';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';
import { RunEventFeeds } from './run-event-feeds';
import { StreamSlots } from './stream-slots';

/** Seconds a client refused for too many streams is asked to wait before trying again. */
const STREAM_RETRY_AFTER_SECONDS = 5;

/**
 * A run's state changes as server-sent events, from the stored event log (so a reconnect with
 * Last-Event-ID resumes where it left off). The stream ends after the run's final event. Streams
 * are capped per identity and in total (SSE_MAX_STREAMS_PER_ACTOR, SSE_MAX_STREAMS), and all
 * streams of one run share one poll loop (RunEventFeeds).
 */
@Injectable()
export class RunEventsService {
  readonly feeds: RunEventFeeds;
  private readonly slots: StreamSlots;

  constructor(
    @Inject(TOKENS.runs) private readonly runs: RunRepository,
    @Inject(TOKENS.config) config: ApiConfig,
  ) {
    this.feeds = new RunEventFeeds(runs);
    this.slots = new StreamSlots(config.SSE_MAX_STREAMS, config.SSE_MAX_STREAMS_PER_ACTOR);
  }

  async stream(runId: string, lastEventId: string, actor: string): Promise<Observable<MessageEvent>> {
    if (!(await this.runs.result(runId))) throw new AppError(ERROR_CODES.runNotFound, `run ${runId} does not exist`);
    const slot = this.slots.take(actor);
    if ('refused' in slot) {
      const message =
        slot.refused === 'actor'
          ? `${actor} already has ${this.slots.maxPerActor} event streams open (SSE_MAX_STREAMS_PER_ACTOR); close one or retry later`
          : `the server already has ${this.slots.maxTotal} event streams open (SSE_MAX_STREAMS); retry later`;
      throw new AppError(ERROR_CODES.tooManyRequests, message, undefined, STREAM_RETRY_AFTER_SECONDS);
    }
    const from = /^\d{1,18}$/.test(lastEventId) ? BigInt(lastEventId) : 0n;
    return new Observable<MessageEvent>((subscriber) => {
      let cursor = from;
      // Live events arriving while this stream catches up from the store wait here, in order.
      let pending: RunEventDto[] | null = [];
      let endedWhileCatchingUp = false;
      const send = (event: RunEventDto) => {
        if (BigInt(event.id) <= cursor) return;
        cursor = BigInt(event.id);
        subscriber.next({ id: event.id, type: event.type, data: event });
      };
      const startsLoop = !this.feeds.has(runId);
      const unsubscribe = this.feeds.subscribe(runId, from, {
        event: (event) => (pending ? pending.push(event) : send(event)),
        end: () => (pending ? (endedWhileCatchingUp = true) : subscriber.complete()),
        fail: (error) => subscriber.error(error),
      });
      const flush = () => {
        const waiting = pending ?? [];
        pending = null;
        waiting.forEach(send);
        if (endedWhileCatchingUp) subscriber.complete();
      };
      if (startsLoop) flush();
      else {
        // Joining a loop that is already past `from`: read what it sent before we joined, once.
        const catchUp = async () => {
          for (let batch = await this.runs.events(runId, cursor); batch.length > 0; batch = await this.runs.events(runId, cursor)) {
            const before = cursor;
            batch.forEach((event) => send({ ...event, runId }));
            if (cursor === before) break;
          }
          flush();
        };
        catchUp().catch((error: unknown) => subscriber.error(error));
      }
      return () => {
        unsubscribe();
        slot.release();
      };
    });
  }
}
