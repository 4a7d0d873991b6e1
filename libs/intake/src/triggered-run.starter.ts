import type { JsonValue } from '@soar/contracts';
import { RunStarter, StartRunError, type JobScheduler, type PlaybookSource } from '@soar/engine';
import type { RunRepository, TriggerFiringKey } from '@soar/persistence';

/** The firing already has its run: a repeat delivery, another worker, or an earlier poll. */
class DuplicateFiring extends Error {}

export type TriggeredStart = { kind: 'started'; runId: string } | { kind: 'duplicate' } | { kind: 'failed'; message: string };

/**
 * Starts a run through the engine's RunStarter (inputs checked, run committed, then queued) with
 * the trigger firing row written in the run's own transaction, so exactly one delivery wins.
 */
export class TriggeredRunStarter {
  constructor(private readonly deps: { playbooks: PlaybookSource; runs: RunRepository; scheduler: JobScheduler }) {}

  async start(request: { playbook: string; inputs: Record<string, JsonValue>; trigger: JsonValue; startedBy: string; firing: TriggerFiringKey }): Promise<TriggeredStart> {
    const runs = this.deps.runs;
    const starter = new RunStarter({
      playbooks: this.deps.playbooks,
      scheduler: this.deps.scheduler,
      runs: {
        create: async (record) => {
          const id = await runs.createTriggered(record, request.firing);
          if (id === null) throw new DuplicateFiring();
          return id;
        },
      },
    });
    try {
      const { runId } = await starter.start({ playbook: request.playbook, inputs: request.inputs, startedBy: request.startedBy, trigger: request.trigger });
      return { kind: 'started', runId };
    } catch (error) {
      if (error instanceof DuplicateFiring) return { kind: 'duplicate' };
      if (error instanceof StartRunError) {
        const details = error.problems?.map((p) => `${p.path}: ${p.message}`).join('; ');
        return { kind: 'failed', message: details ? `${error.message}: ${details}` : error.message };
      }
      throw error;
    }
  }
}
