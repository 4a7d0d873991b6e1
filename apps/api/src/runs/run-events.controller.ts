import { Controller, Inject, Param, Req, Sse, type MessageEvent } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { z } from 'zod';
import { ERROR_CODES, isTerminalRunStatus } from '@soar/contracts';
import type { RunRepository } from '@soar/persistence';
import { AppError } from '../errors/app-error';
import { parseBody } from '../request-body';
import { TOKENS } from '../tokens';

const runIdParam = z.uuid('a run id is a UUID');
const POLL_MS = 250;

/**
 * `GET /api/runs/{id}/events`: the run's state changes as server-sent events, from the stored
 * event log (so a reconnect with Last-Event-ID resumes where it left off). The stream ends after
 * the run's final event.
 */
@Controller('api/runs')
export class RunEventsController {
  constructor(@Inject(TOKENS.runs) private readonly runs: RunRepository) {}

  @Sse(':id/events')
  async stream(@Param('id') id: string, @Req() req: Request): Promise<Observable<MessageEvent>> {
    const runId = parseBody(runIdParam, id, 'id');
    if (!(await this.runs.result(runId))) throw new AppError(ERROR_CODES.runNotFound, `run ${runId} does not exist`);
    const lastEventId = String(req.headers['last-event-id'] ?? '');
    let cursor = /^\d{1,18}$/.test(lastEventId) ? BigInt(lastEventId) : 0n;

    return new Observable<MessageEvent>((subscriber) => {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      const tick = async () => {
        try {
          const events = await this.runs.events(runId, cursor);
          for (const event of events) {
            cursor = BigInt(event.id);
            subscriber.next({ id: event.id, type: event.type, data: { ...event, runId } });
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
