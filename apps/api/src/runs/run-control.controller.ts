import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { runIdSchema, type CancelledRunDto, type RerunRunDto } from '@soar/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { param } from '../http/zod.pipe';
import { RunControlService } from './run-control.service';

/** Cancelling runs and re-running failed ones. */
@Controller('api/runs')
export class RunControlController {
  constructor(private readonly control: RunControlService) {}

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', param(runIdSchema, 'id')) runId: string, @CurrentPrincipal() principal: Principal): Promise<CancelledRunDto> {
    return this.control.cancel(runId, principal.actor);
  }

  @Post(':id/rerun')
  @HttpCode(202)
  rerun(@Param('id', param(runIdSchema, 'id')) runId: string, @CurrentPrincipal() principal: Principal): Promise<RerunRunDto> {
    return this.control.rerun(runId, principal.actor);
  }
}
