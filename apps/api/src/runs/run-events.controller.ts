import { Controller, Headers, Param, Sse, type MessageEvent } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { runIdSchema } from '@soar/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { param } from '../http/zod.pipe';
import { RunEventsService } from './run-events.service';

/** `GET /api/runs/{id}/events`: server-sent events; each `data` is a RunEvent of the contract. */
@Controller('api/runs')
export class RunEventsController {
  constructor(private readonly events: RunEventsService) {}

  @Sse(':id/events')
  stream(
    @Param('id', param(runIdSchema, 'id')) runId: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<Observable<MessageEvent>> {
    return this.events.stream(runId, String(lastEventId ?? ''), principal.actor);
  }
}
