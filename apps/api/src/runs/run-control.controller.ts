import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { ERROR_CODES } from '@soar/contracts';
import type { ConnectionResolver, PrismaRunStore, RunRepository } from '@soar/persistence';
import type { Logger } from '@soar/observability';
import type { EngineQueue } from '@soar/queue';
import { actorOf } from '../auth/actor';
import { AppError } from '../errors/app-error';
import { parseBody } from '../request-body';
import { TOKENS } from '../tokens';

const runIdParam = z.uuid('a run id is a UUID');

/** Cancelling runs and re-running failed ones. */
@Controller('api/runs')
export class RunControlController {
  constructor(
    @Inject(TOKENS.runs) private readonly runs: RunRepository,
    @Inject(TOKENS.runStore) private readonly store: PrismaRunStore,
    @Inject(TOKENS.queue) private readonly queue: EngineQueue,
    @Inject(TOKENS.connections) private readonly connections: ConnectionResolver,
    @Inject(TOKENS.logger) private readonly logger: Logger,
  ) {}

  /**
   * Ends the run as cancelled: pending and waiting steps are dropped (their jobs find a finished
   * run and do nothing), Defender machine actions the run was waiting for are cancelled in
   * Defender, a step in the middle of a Defender call finishes that call, and active sub-playbook
   * runs are cancelled too.
   */
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Param('id') id: string, @Req() req: Request): Promise<object> {
    const runId = parseBody(runIdParam, id, 'id');
    const reason = `cancelled by ${actorOf(req)}`;
    const runIds = [runId, ...(await this.runs.activeDescendants(runId))];
    const snapshots = await Promise.all(runIds.map((r) => this.store.loadRun(r)));
    if (!(await this.store.finishRun(runId, 'cancelled', { reason }))) throw await this.notActive(runId, 'cancel');
    for (const child of runIds.slice(1)) await this.store.finishRun(child, 'cancelled', { reason: `parent run ${runId} ${reason}` });
    const stopped = [];
    for (const snapshot of snapshots) {
      for (const step of snapshot?.steps ?? []) {
        const actionId = (step.wait?.state as { machineActionId?: string } | null)?.machineActionId;
        if (step.status !== 'waiting' || step.wait?.reason !== 'defender-action' || !actionId) continue;
        stopped.push(await this.cancelInDefender(snapshot!.definition.connection, actionId, runId, reason));
      }
    }
    return { id: runId, status: 'cancelled', reason, stoppedMachineActions: stopped };
  }

  /** Best effort: the action may have finished meanwhile; the run is cancelled either way. */
  private async cancelInDefender(connection: string, actionId: string, runId: string, reason: string): Promise<object> {
    try {
      const client = await this.connections.get(connection);
      const action = await client.cancelMachineAction(actionId, { comment: `SOAR run ${runId} ${reason}` });
      return { id: actionId, status: action.status };
    } catch (error) {
      this.logger.warn({ actionId, err: (error as Error).message }, 'could not cancel the Defender machine action');
      return { id: actionId, error: (error as Error).message };
    }
  }

  /** Continues a failed run from its failed step; earlier attempts stay in the history. */
  @Post(':id/rerun')
  @HttpCode(202)
  async rerun(@Param('id') id: string, @Req() req: Request): Promise<object> {
    const runId = parseBody(runIdParam, id, 'id');
    if (!(await this.runs.prepareRerun(runId, actorOf(req)))) throw await this.notActive(runId, 're-run', 'failed');
    await this.queue.enqueueAdvance(runId, `rerun.${Date.now()}`);
    return { id: runId, status: 'queued' };
  }

  private async notActive(runId: string, what: string, needed = 'active'): Promise<AppError> {
    const run = await this.runs.result(runId);
    if (!run) return new AppError(ERROR_CODES.runNotFound, `run ${runId} does not exist`);
    return new AppError(ERROR_CODES.conflict, `cannot ${what} run ${runId}: it is ${run.status}, not ${needed}`);
  }
}
