import { createHash } from 'node:crypto';
import { ActionError, type JsonValue, type RunOutcome, type RunStatus } from '@soar/contracts';
import { RunStarter, StartRunError, type ChildRuns, type JobScheduler } from '@soar/engine';
import type { PlaybookRepository, RunRepository } from '@soar/persistence';

/** A stable UUID per parent step attempt, so a repeated start finds the run already there. */
function childRunId(parentRunId: string, stepId: string, attempt: number): string {
  const hex = createHash('sha256').update(`${parentRunId}/${stepId}/${attempt}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Sub-playbook runs on Postgres + BullMQ, for `core.playbook` steps. */
export class ChildRunsAdapter implements ChildRuns {
  private readonly starter: RunStarter;
  constructor(private readonly deps: { playbooks: PlaybookRepository; runs: RunRepository; scheduler: JobScheduler }) {
    this.starter = new RunStarter({ playbooks: deps.playbooks, runs: deps.runs, scheduler: deps.scheduler });
  }

  async start(request: Parameters<ChildRuns['start']>[0]): Promise<{ runId: string }> {
    try {
      const { runId } = await this.starter.start({
        id: childRunId(request.parentRunId, request.parentStepId, request.attempt),
        playbook: request.playbook,
        inputs: request.inputs,
        startedBy: `run:${request.parentRunId}`,
        trigger: { type: 'sub-playbook', parent_run_id: request.parentRunId, parent_step_id: request.parentStepId },
        parent: { runId: request.parentRunId, stepId: request.parentStepId, attempt: request.attempt },
      });
      return { runId };
    } catch (error) {
      if (error instanceof StartRunError) {
        throw new ActionError(error.code, error.message, false, { details: (error.problems ?? []) as unknown as JsonValue });
      }
      throw error;
    }
  }

  async get(runId: string): Promise<{ status: RunStatus; outcome: RunOutcome | null; outputs: JsonValue; error: JsonValue } | null> {
    const run = await this.deps.runs.result(runId);
    if (!run) return null;
    return { status: run.status as RunStatus, outcome: run.outcome as RunOutcome | null, outputs: (run.outputs ?? null) as JsonValue, error: (run.error ?? null) as JsonValue };
  }
}
