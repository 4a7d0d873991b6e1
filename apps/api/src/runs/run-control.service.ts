import { Inject, Injectable } from '@nestjs/common';
import { ERROR_CODES, type CancelledRunDto, type RerunRunDto } from '@soar/contracts';
import type { ConnectionResolver, PrismaRunStore, RunRepository } from '@soar/persistence';
import type { Logger } from '@soar/observability';
import type { EngineQueue } from '@soar/queue';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';

type StoppedMachineAction = CancelledRunDto['stoppedMachineActions'][number];

/**
 * Cancelling runs and re-running failed ones (moved here unchanged from the controller; the
 * engine's run-control use cases replace these bodies).
 */
@Injectable()
export class RunControlService {
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
  async cancel(runId: string, actor: string): Promise<CancelledRunDto> {
    const reason = `cancelled by ${actor}`;
    const runIds = [runId, ...(await this.runs.activeDescendants(runId))];
    const snapshots = await Promise.all(runIds.map((r) => this.store.loadRun(r)));
    if (!(await this.store.finishRun(runId, 'cancelled', { reason }))) throw await this.notActive(runId, 'cancel');
    for (const child of runIds.slice(1)) await this.store.finishRun(child, 'cancelled', { reason: `parent run ${runId} ${reason}` });
    const stopped: StoppedMachineAction[] = [];
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
  private async cancelInDefender(connection: string, actionId: string, runId: string, reason: string): Promise<StoppedMachineAction> {
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
  async rerun(runId: string, actor: string): Promise<RerunRunDto> {
    if (!(await this.runs.prepareRerun(runId, actor))) throw await this.notActive(runId, 're-run', 'failed');
    await this.queue.enqueueAdvance(runId, `rerun.${Date.now()}`);
    return { id: runId, status: 'queued' };
  }

  private async notActive(runId: string, what: string, needed = 'active'): Promise<AppError> {
    const run = await this.runs.result(runId);
    if (!run) return new AppError(ERROR_CODES.runNotFound, `run ${runId} does not exist`);
    return new AppError(ERROR_CODES.conflict, `cannot ${what} run ${runId}: it is ${run.status}, not ${needed}`);
  }
}
