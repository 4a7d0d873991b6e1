import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import type { RunControl } from '@soar/engine';
import { actorOf } from '../auth/actor';
import { parseBody } from '../request-body';
import { TOKENS } from '../tokens';
import { runControlCall } from './run-control.call';

const runIdParam = z.uuid('a run id is a UUID');

/** Cancelling runs and re-running failed ones (the rules live in the engine's run-control use cases). */
@Controller('api/runs')
export class RunControlController {
  constructor(@Inject(TOKENS.runControl) private readonly control: RunControl) {}

  /**
   * Ends the run and its active sub-playbook runs as cancelled; Defender machine actions they were
   * waiting for are cancelled in Defender (best effort, reported in the answer).
   */
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Param('id') id: string, @Req() req: Request): Promise<object> {
    const runId = parseBody(runIdParam, id, 'id');
    const result = await runControlCall(() => this.control.cancel.execute({ runId, actor: actorOf(req) }));
    return { id: runId, status: 'cancelled', outcome: 'cancelled', reason: result.reason, subRuns: result.subRuns, stoppedMachineActions: result.stopped };
  }

  /** Continues a failed run from its failed step; earlier attempts stay in the history. */
  @Post(':id/rerun')
  @HttpCode(202)
  async rerun(@Param('id') id: string, @Req() req: Request): Promise<object> {
    const runId = parseBody(runIdParam, id, 'id');
    const result = await runControlCall(() => this.control.rerun.execute({ runId, actor: actorOf(req) }));
    return { id: result.runId, status: result.status };
  }
}
