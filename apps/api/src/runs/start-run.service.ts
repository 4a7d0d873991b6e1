import { Inject, Injectable } from '@nestjs/common';
import { ERROR_CODES, type JsonValue, type StartedRunDto } from '@soar/contracts';
import { RunStarter, StartRunError, START_RUN_ERRORS } from '@soar/engine';
import type { PlaybookRepository, RunRepository } from '@soar/persistence';
import type { EngineQueue } from '@soar/queue';
import type { ApiConfig } from '../api.config';
import { AppError } from '../errors/app-error';
import { playbookNotFound } from '../playbooks/playbook-not-found';
import { TOKENS } from '../tokens';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { DelegationService } from '../delegation/delegation.service';
import { starterSteps } from './start-delegated';
import { validateRunInputs } from '@soar/playbook';

/** Seconds a start refused for a full backlog is asked to wait. */
const RUNS_RETRY_AFTER_SECONDS = 10;

const ERROR_BY_CODE = {
  [START_RUN_ERRORS.playbookNotFound]: ERROR_CODES.playbookNotFound,
  [START_RUN_ERRORS.playbookDisabled]: ERROR_CODES.playbookDisabled,
  [START_RUN_ERRORS.invalidInputs]: ERROR_CODES.invalidInputs,
} as const;

/** Starts runs for the API through the engine's RunStarter (commit first, then queue). */
@Injectable()
export class StartRunService {
  private readonly starter: RunStarter;

  constructor(
    @Inject(TOKENS.playbooks) private readonly playbooks: PlaybookRepository,
    @Inject(TOKENS.runs) private readonly runs: RunRepository,
    @Inject(TOKENS.queue) queue: EngineQueue,
    @Inject(TOKENS.config) private readonly config: ApiConfig,
    private readonly delegation: DelegationService,
  ) {
    this.starter = new RunStarter({ playbooks, runs, scheduler: queue });
  }

  /**
   * `POST /api/playbooks/{name}/runs`: refused with 429 while RUNS_MAX_ACTIVE runs are queued or
   * running. A playbook acting `run_as: starter` needs the caller's sign-in (`assertion`): it is
   * exchanged On-Behalf-Of them before the run is committed, so the first step finds the token.
   */
  async startByRequest(name: string, inputs: unknown, principal: Principal, assertion?: string): Promise<StartedRunDto> {
    const startedBy = principal.actor;
    const backlog = await this.runs.countBacklog();
    if (backlog >= this.config.RUNS_MAX_ACTIVE) {
      throw new AppError(
        ERROR_CODES.tooManyRequests,
        `${backlog} runs are queued or running, the limit is ${this.config.RUNS_MAX_ACTIVE} (RUNS_MAX_ACTIVE); retry later`,
        undefined,
        RUNS_RETRY_AFTER_SECONDS,
      );
    }
    const playbook = await this.playbooks.latest(name);
    const acting = playbook?.enabled ? starterSteps(playbook.definition) : [];
    // Refusals (unknown, disabled, bad inputs) come first: no token is exchanged for a run that never starts.
    if (!playbook || acting.length === 0 || !validateRunInputs(playbook.definition, inputs ?? {}).ok) return this.start(name, inputs, startedBy);
    const userAssertion = this.delegation.requireAssertion(assertion, principal, `playbook ${name} acts as the person who starts it (run_as: starter on ${acting.join(', ')})`);
    const runId = randomUUID();
    await this.delegation.exchangeAndStore({ runId, as: 'starter' }, playbook.definition.connection, userAssertion);
    return this.start(name, inputs, startedBy, { type: 'manual' }, runId);
  }

  async start(name: string, inputs: unknown, startedBy: string, trigger: JsonValue = { type: 'manual' }, id?: string): Promise<StartedRunDto> {
    try {
      const { runId, version } = await this.starter.start({ playbook: name, inputs, startedBy, trigger, ...(id ? { id } : {}) });
      return { runId, playbook: name, version, status: 'queued', links: { run: `/api/runs/${runId}` } };
    } catch (error) {
      if (!(error instanceof StartRunError)) throw error;
      if (error.code === START_RUN_ERRORS.playbookNotFound) throw playbookNotFound(name, (await this.playbooks.list()).map((p) => p.name));
      throw new AppError(ERROR_BY_CODE[error.code], error.message, error.problems);
    }
  }
}
