import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { ERROR_CODES, isTerminalRunStatus, type RunEventDto } from '@soar/contracts';
import type { RunRepository } from '@soar/persistence';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';

const POLL_MS = 250;

/**
 * A run's state changes as server-sent events, from the stored event log (so a reconnect with
 * Last-Event-ID resumes where it left off). The stream ends after the run's final event.
 */
@Injectable()
export class RunEventsService {
  constructor(@Inject(TOKENS.runs) private readonly runs: RunRepository) {}

  async stream(runId: string, lastEventId: string): Promise<Observable<MessageEvent>> {
    if (!(await this.runs.result(runId))) throw new AppError(ERROR_CODES.runNotFound, `run ${runId} does not exist`);
    let cursor = /^\d{1,18}$/.test(lastEventId) ? BigInt(lastEventId) : 0n;

    return new Observable<MessageEvent>((subscriber) => {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      const tick = async () => {
        try {
          const events = await this.runs.events(runId, cursor);
          for (const event of events) {
            cursor = BigInt(event.id);
            const data: RunEventDto = { ...event, runId };
            subscriber.next({ id: event.id, type: event.type, data });
          }
          const run = await this.runs.result(runId);
          if (!run || (isTerminalRunStatus(run.status) && events.length === 0)) return subscriber.complete();
        } catch (error) {
          return subscriber.error(error);
        }
        if (!stopped) timer = setTimeout(tick, POLL_MS);
      };
      void tick();
      return () => {
        stopped = true;
        clearTimeout(timer);
      };
    });
  }
}
