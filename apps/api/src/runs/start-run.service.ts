import { Inject, Injectable } from '@nestjs/common';
import { ERROR_CODES, type JsonValue } from '@soar/contracts';
import { validateRunInputs } from '@soar/playbook';
import type { PlaybookRepository, RunRepository } from '@soar/persistence';
import type { EngineQueue } from '@soar/queue';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';

/**
 * Starts a run: checks inputs against the playbook's declarations, commits the run and its steps
 * in Postgres, and only then queues the first engine job (so a job never points at a missing run,
 * and a crash between the two leaves a queued run the reconciler picks up, never a lost one).
 */
@Injectable()
export class StartRunService {
  constructor(
    @Inject(TOKENS.playbooks) private readonly playbooks: PlaybookRepository,
    @Inject(TOKENS.runs) private readonly runs: RunRepository,
    @Inject(TOKENS.queue) private readonly queue: EngineQueue,
  ) {}

  async start(name: string, inputs: unknown, startedBy: string, trigger: JsonValue = { type: 'manual' }): Promise<{ runId: string; version: number }> {
    const playbook = await this.playbooks.latest(name);
    if (!playbook) throw new AppError(ERROR_CODES.playbookNotFound, `playbook ${name} does not exist`);
    if (!playbook.enabled) throw new AppError(ERROR_CODES.playbookDisabled, `playbook ${name} is disabled`);
    const checked = validateRunInputs(playbook.definition, inputs ?? {});
    if (!checked.ok) throw new AppError(ERROR_CODES.invalidInputs, `the run inputs have ${checked.problems.length} problem(s)`, checked.problems);

    const runId = await this.runs.create({
      playbookVersionId: playbook.versionId,
      playbookName: name,
      playbookVersion: playbook.version,
      definition: playbook.definition,
      inputs: checked.values,
      trigger,
      startedBy,
    });
    await this.queue.enqueueAdvance(runId, 'start');
    return { runId, version: playbook.version };
  }
}
