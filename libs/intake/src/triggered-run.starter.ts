import type { JsonValue } from '@soar/contracts';
import { RunStarter, StartRunError, type JobScheduler, type PlaybookSource } from '@soar/engine';
import type { TriggeredRunRepository, TriggerFiringKey } from '@soar/persistence';

/** The firing already has its run: a repeat delivery, another worker, or an earlier poll. */
class DuplicateFiring extends Error {}
/** The playbook is at its `concurrency`: the firing waits, stored, for a free slot. */
class HeldFiring extends Error {}

export type TriggeredStart = { kind: 'started'; runId: string } | { kind: 'held' } | { kind: 'duplicate' } | { kind: 'failed'; message: string };

/**
 * Starts a run through the engine's RunStarter (inputs checked, run committed, then queued) with
 * the trigger firing row written in the run's own transaction, so exactly one delivery wins. Past
 * the playbook's concurrency the firing is stored to start later (TriggeredRunRepository.releaseHeld).
 */
export class TriggeredRunStarter {
  constructor(private readonly deps: { playbooks: PlaybookSource; runs: TriggeredRunRepository; scheduler: JobScheduler }) {}

  async start(request: { playbook: string; inputs: Record<string, JsonValue>; trigger: JsonValue; startedBy: string; firing: TriggerFiringKey }): Promise<TriggeredStart> {
    const runs = this.deps.runs;
    const starter = new RunStarter({
      playbooks: this.deps.playbooks,
      scheduler: this.deps.scheduler,
      runs: {
        create: async (record) => {
          const created = await runs.create(record, request.firing);
          if (created.kind === 'duplicate') throw new DuplicateFiring();
          if (created.kind === 'held') throw new HeldFiring();
          return created.runId;
        },
      },
    });
    try {
      const { runId } = await starter.start({ playbook: request.playbook, inputs: request.inputs, startedBy: request.startedBy, trigger: request.trigger });
      return { kind: 'started', runId };
    } catch (error) {
      if (error instanceof DuplicateFiring) return { kind: 'duplicate' };
      if (error instanceof HeldFiring) return { kind: 'held' };
      if (error instanceof StartRunError) {
        const details = error.problems?.map((p) => `${p.path}: ${p.message}`).join('; ');
        return { kind: 'failed', message: details ? `${error.message}: ${details}` : error.message };
      }
      throw error;
    }
  }
}
