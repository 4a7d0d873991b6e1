import { randomUUID } from 'node:crypto';
import type { JsonValue } from '@soar/contracts';
import type { NewRunRecord, RunCreator } from '@soar/engine';
import type { PlaybookDefinition } from '@soar/playbook';
import { sqlOf, type Db } from './prisma-client.factory';
import { createRunSql, newRunSteps } from './run-create.sql';
import { sqlText } from './run-transition.sql';
import type { Prisma } from './generated/prisma/client';
import { fromDbJson, toDbJson } from './json';


export interface StepAttemptView {
  attempt: number;
  status: string;
  workerId: string;
  params: JsonValue;
  output: JsonValue;
  error: JsonValue;
  startedAt: string;
  endedAt: string | null;
}

export interface StepView {
  id: string;
  action: string;
  status: string;
  attempts: number;
  params: JsonValue;
  output: JsonValue;
  error: JsonValue;
  waitingFor: { reason: string; resumeAt: string } | null;
  startedAt: string | null;
  endedAt: string | null;
  history: StepAttemptView[];
}

export interface RunSummary {
  id: string;
  playbook: string;
  version: number;
  status: string;
  /** How the run ended (RUN_OUTCOMES); null while it is active. */
  outcome: string | null;
  reason: string | null;
  startedBy: string;
  /** What started the run; in lists without the alert payload (the run itself has it). */
  trigger: JsonValue;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface RunView extends RunSummary {
  inputs: JsonValue;
  outputs: JsonValue;
  error: JsonValue;
  steps: StepView[];
}

/** The writes that create a run with its steps (one transaction, by the caller). */
export function runCreateWrites(db: Db | Prisma.TransactionClient, id: string, run: NewRunRecord): Prisma.PrismaPromise<unknown>[] {
  const steps = newRunSteps(run).map((s) => ({ runId: id, ...s }));
  return [
    db.run.create({
      data: {
        id,
        playbookVersionId: run.playbookVersionId,
        playbookName: run.playbookName,
        playbookVersion: run.playbookVersion,
        status: 'queued',
        inputs: toDbJson(run.inputs) as object,
        trigger: toDbJson(run.trigger) as object,
        startedBy: run.startedBy,
        parentRunId: run.parent?.runId ?? null,
        parentStepId: run.parent?.stepId ?? null,
        parentAttempt: run.parent?.attempt ?? null,
      },
    }),
    db.stepRun.createMany({ data: steps }),
    db.runEvent.create({ data: { runId: id, type: 'run.queued', data: { startedBy: run.startedBy } } }),
    ...(run.queued?.length ? [db.runEvent.create({ data: { runId: id, type: 'steps.queued', data: { steps: run.queued } } })] : []),
  ];
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Runs as the API creates and shows them (the engine uses PrismaRunStore). */
export class RunRepository implements RunCreator {
  constructor(private readonly db: Db) {}

  /**
   * Runs started by hand (through the API) that are queued or running (not those waiting for an
   * approval or a timer). Alert-triggered and scheduled runs are held back by the intake's own
   * backpressure and go behind these in the queue; counting them would let an alert storm refuse
   * an analyst's containment run.
   */
  async countBacklog(): Promise<number> {
    // Plain SQL: it is on every start's path, and Prisma's JSON filter cost more CPU than the count.
    const rows = await sqlText(sqlOf(this.db))<{ n: number }>`
      SELECT count(*)::int AS n FROM runs WHERE status IN ('queued', 'running') AND trigger->>'type' = 'manual'`;
    return rows[0]?.n ?? 0;
  }

  /**
   * Inserts the run and its steps in one statement; returns the run id. With a given id that
   * already exists (a repeated sub-playbook start) nothing is written.
   */
  async create(run: NewRunRecord): Promise<string> {
    const id = run.id ?? randomUUID();
    await createRunSql(sqlOf(this.db), id, run);
    return id;
  }

  /** The playbook definition a run executes (its version's), or null for an unknown run. */
  async definitionOf(id: string): Promise<PlaybookDefinition | null> {
    const run = await this.db.run.findUnique({ where: { id }, select: { version: { select: { definition: true } } } });
    return run ? (run.version.definition as unknown as PlaybookDefinition) : null;
  }

  async get(id: string): Promise<RunView | null> {
    const run = await this.db.run.findUnique({
      where: { id },
      include: { steps: { orderBy: { position: 'asc' }, include: { history: { orderBy: { attempt: 'asc' } } } } },
    });
    if (!run) return null;
    return {
      ...summary(run),
      inputs: fromDbJson(run.inputs),
      trigger: fromDbJson(run.trigger),
      outputs: fromDbJson(run.outputs),
      error: fromDbJson(run.error),
      steps: run.steps.map((s) => {
        const wait = s.wait as { reason: string; resumeAt: string } | null;
        return {
          id: s.stepId,
          action: s.action,
          status: s.status,
          attempts: s.attempts,
          params: fromDbJson(s.params),
          output: fromDbJson(s.output),
          error: fromDbJson(s.error),
          waitingFor: s.status === 'waiting' && wait ? { reason: wait.reason, resumeAt: wait.resumeAt } : null,
          startedAt: iso(s.startedAt),
          endedAt: iso(s.endedAt),
          history: s.history.map((a) => ({
            attempt: a.attempt,
            status: a.status,
            workerId: a.workerId,
            params: fromDbJson(a.params),
            output: fromDbJson(a.output),
            error: fromDbJson(a.error),
            startedAt: a.startedAt.toISOString(),
            endedAt: iso(a.endedAt),
          })),
        };
      }),
    };
  }

  /** Events of a run after `afterId`, oldest first (the history view and the live stream). */
  async events(runId: string, afterId: bigint, limit = 500) {
    const rows = await this.db.runEvent.findMany({ where: { runId, id: { gt: afterId } }, orderBy: { id: 'asc' }, take: limit });
    return rows.map((e) => ({ id: e.id.toString(), type: e.type, data: fromDbJson(e.data), at: e.at.toISOString() }));
  }

  /** Status, outputs and error of a run, and the step waiting for it if it is a sub-playbook run. */
  async result(id: string) {
    return this.db.run.findUnique({
      where: { id },
      select: { status: true, outcome: true, outputs: true, error: true, parentRunId: true, parentStepId: true, parentAttempt: true },
    });
  }

  /** Newest first, keyset-paged: `before` is the cursor returned with the previous page. */
  async list(options: { limit: number; cursor?: { createdAt: Date; id: string }; status?: string; outcome?: string; playbook?: string }): Promise<RunSummary[]> {
    const { cursor } = options;
    const rows = await this.db.run.findMany({
      where: {
        ...(options.status ? { status: options.status } : {}),
        ...(options.outcome ? { outcome: options.outcome } : {}),
        ...(options.playbook ? { playbookName: options.playbook } : {}),
        ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: options.limit,
    });
    return rows.map(summary);
  }
}

function summary(run: {
  id: string;
  playbookName: string;
  playbookVersion: number;
  status: string;
  outcome: string | null;
  reason: string | null;
  startedBy: string;
  trigger: unknown;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}): RunSummary {
  return {
    id: run.id,
    playbook: run.playbookName,
    version: run.playbookVersion,
    status: run.status,
    outcome: run.outcome,
    reason: run.reason,
    startedBy: run.startedBy,
    trigger: compactTrigger(fromDbJson(run.trigger as never)),
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    endedAt: iso(run.endedAt),
  };
}

/** The trigger without the alert it carries (a list of runs stays small). */
function compactTrigger(trigger: JsonValue): JsonValue {
  if (trigger === null || typeof trigger !== 'object' || Array.isArray(trigger) || !('alert' in trigger)) return trigger;
  const { alert: _alert, ...rest } = trigger;
  return rest;
}
