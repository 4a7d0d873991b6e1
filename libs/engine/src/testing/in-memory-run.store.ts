import { ENGINE_ERROR_CODES, type JsonValue, type RunStatus, type StepStatus } from '@soar/contracts';
import type { PlaybookDefinition } from '@soar/playbook';
import type { CancelledWait, RunControlStore, RunLink } from '../ports/run-control-store';
import type { ClaimedAttempt, ClaimRequest, ContinueResult, FinalRunStatus, NextSteps, RunEnding, RunSnapshot, RunStore, StepSnapshot, StepWait } from '../ports/run-store';

interface AttemptRecord {
  stepId: string;
  attempt: number;
  status: string;
  params?: JsonValue;
}

/** The engine's RunStore (and RunControlStore) in memory, with the same conditional-update rules as the Postgres one. */
export class InMemoryRunStore implements RunStore, RunControlStore {
  readonly runs = new Map<string, { snapshot: RunSnapshot; outputs?: JsonValue; error?: JsonValue; reason?: string; outcome?: RunEnding['outcome']; parent?: RunLink['parent'] }>();
  readonly attempts: AttemptRecord[] = [];
  readonly events: { runId: string; type: string; data: JsonValue }[] = [];

  addRun(runId: string, definition: PlaybookDefinition, inputs: Record<string, JsonValue> = {}, parent?: RunLink['parent']): void {
    const steps: StepSnapshot[] = [...definition.steps, ...(definition.on_failure ?? [])].map((s) => ({ stepId: s.id, action: s.action, status: 'pending', attempts: 0, output: null, error: null, wait: null }));
    this.runs.set(runId, {
      snapshot: {
        run: { id: runId, status: 'queued', inputs, trigger: { type: 'manual' }, startedBy: 'test', playbookName: definition.name, playbookVersion: 1, startedAt: null },
        definition,
        steps,
      },
      ...(parent ? { parent } : {}),
    });
  }

  run(runId: string) {
    return this.runs.get(runId)!;
  }
  step(runId: string, stepId: string): StepSnapshot {
    return this.run(runId).snapshot.steps.find((s) => s.stepId === stepId)!;
  }

  /** The run's status and each step's, for compact assertions. */
  snapshotStatuses(runId: string): Record<string, string> {
    const { snapshot } = this.run(runId);
    return { run: snapshot.run.status, ...Object.fromEntries(snapshot.steps.map((s) => [s.stepId, s.status])) };
  }

  async loadRun(runId: string): Promise<RunSnapshot | null> {
    const run = this.runs.get(runId);
    return run ? structuredClone(run.snapshot) : null;
  }
  /** Set by tests that move time; the time startRun records. */
  now = (): Date => new Date();

  async startRun(runId: string): Promise<boolean> {
    if (!this.moveRun(runId, ['queued'], 'running')) return false;
    this.run(runId).snapshot.run.startedAt = this.now().toISOString();
    return true;
  }
  async startRunAndQueue(runId: string, stepIds: string[]): Promise<{ started: boolean; queued: string[] }> {
    if (!(await this.startRun(runId))) return { started: false, queued: [] };
    return { started: true, queued: await this.queueSteps(runId, stepIds) };
  }
  async finishRun(runId: string, status: FinalRunStatus, patch: RunEnding): Promise<boolean> {
    if (!this.moveRun(runId, ['queued', 'running', 'waiting'], status)) return false;
    Object.assign(this.run(runId), patch);
    this.events.push({ runId, type: `run.${status}`, data: { outcome: patch.outcome, reason: patch.reason } });
    for (const s of this.run(runId).snapshot.steps) if (['pending', 'queued', 'waiting'].includes(s.status)) s.status = 'cancelled';
    return true;
  }
  async queueSteps(runId: string, stepIds: string[]): Promise<string[]> {
    return stepIds.filter((id) => this.moveStep(runId, id, ['pending'], 'queued'));
  }
  async skipStep(runId: string, stepId: string, reason: string): Promise<boolean> {
    return this.moveStep(runId, stepId, ['pending', 'queued'], 'skipped', { error: { code: ENGINE_ERROR_CODES.skipped, message: reason } });
  }
  async claimStep(runId: string, stepId: string, claim: ClaimRequest): Promise<ClaimedAttempt | null> {
    const step = this.step(runId, stepId);
    if (step.status !== claim.from || step.attempts !== claim.expectedAttempts) return null;
    const attempt = claim.newAttempt ? claim.expectedAttempts + 1 : Math.max(1, claim.expectedAttempts);
    const unfinished = this.attempts.filter((a) => a.stepId === stepId && a.status === 'running' && a.attempt < attempt);
    unfinished.forEach((a) => (a.status = 'abandoned'));
    step.status = 'running';
    step.attempts = attempt;
    if (claim.newAttempt) step.wait = null;
    if (claim.newAttempt) this.attempts.push({ stepId, attempt, status: 'running', ...(claim.params !== undefined ? { params: claim.params } : {}) });
    const startedRun = await this.startRun(runId);
    return { attempt, maybeSent: unfinished.length > 0 || (claim.newAttempt && attempt > 1), ...(startedRun ? { startedRun } : {}) };
  }
  async completeStep(runId: string, stepId: string, attempt: number, output: JsonValue, from: StepStatus[] = ['running']): Promise<boolean> {
    return this.endAttempt(runId, stepId, attempt, 'succeeded', { output, wait: null }, 'succeeded', from);
  }
  async completeStepAndContinue(runId: string, stepId: string, attempt: number, output: JsonValue, next: NextSteps): Promise<ContinueResult> {
    const others = Object.fromEntries(this.run(runId).snapshot.steps.filter((s) => s.stepId !== stepId).map((s) => [s.stepId, s.status]));
    const completed = await this.completeStep(runId, stepId, attempt, output);
    const decided = completed && this.run(runId).snapshot.run.status === 'running' && JSON.stringify(sorted(others)) === JSON.stringify(sorted(next.others));
    if (!decided) return { completed, decided, queued: [], finished: false };
    const queued = await this.queueSteps(runId, next.queue);
    const finished = next.finish ? await this.finishRun(runId, next.finish.status, next.finish.ending) : false;
    return { completed, decided, queued, finished };
  }
  async parkStep(runId: string, stepId: string, _attempt: number, wait: StepWait): Promise<boolean> {
    return this.moveStep(runId, stepId, ['running'], 'waiting', { wait });
  }
  async retryStep(runId: string, stepId: string, attempt: number, error: JsonValue, retryAt: string): Promise<boolean> {
    return this.endAttempt(runId, stepId, attempt, 'queued', { error, wait: { reason: 'retry', state: null, resumeAt: retryAt, seq: 0 } }, 'failed');
  }
  async failStep(runId: string, stepId: string, attempt: number, error: JsonValue, from: StepStatus[] = ['running', 'queued']): Promise<boolean> {
    return this.endAttempt(runId, stepId, attempt, 'failed', { error, wait: null }, 'failed', from);
  }
  async expandForeach(runId: string, stepId: string, count: number): Promise<void> {
    const steps = this.run(runId).snapshot.steps;
    const parent = steps.find((s) => s.stepId === stepId)!;
    for (let i = 0; i < count; i++) {
      const id = `${stepId}[${i}]`;
      if (!steps.some((s) => s.stepId === id)) steps.push({ stepId: id, action: parent.action, status: 'pending', attempts: 0, output: null, error: null, wait: null });
    }
  }
  async appendEvent(runId: string, type: string, data: JsonValue): Promise<void> {
    this.events.push({ runId, type, data });
  }

  async cancelRunTree(runId: string, reason: string): Promise<{ runIds: string[]; waits: CancelledWait[] } | null> {
    const active = (id: string) => ['queued', 'running', 'waiting'].includes(this.run(id).snapshot.run.status);
    if (!this.runs.has(runId) || !active(runId)) return null;
    const runIds = [runId];
    for (let i = 0; i < runIds.length; i++) {
      for (const [id, r] of this.runs) if (r.parent?.runId === runIds[i] && active(id)) runIds.push(id);
    }
    const waits: CancelledWait[] = runIds.flatMap((id) =>
      this.run(id)
        .snapshot.steps.filter((s) => s.status === 'waiting' && s.wait)
        .map((s) => ({ runId: id, stepId: s.stepId, action: s.action, attempt: s.attempts, wait: structuredClone(s.wait!), connection: this.run(id).snapshot.definition.connection })),
    );
    for (const id of runIds) await this.finishRun(id, 'cancelled', { outcome: 'cancelled', reason: id === runId ? reason : `parent run ${runId} ${reason}` });
    return { runIds, waits };
  }
  async prepareRerun(runId: string, requestedBy: string): Promise<boolean> {
    if (!this.moveRun(runId, ['failed'], 'queued')) return false;
    Object.assign(this.run(runId), { outcome: undefined, reason: `re-run requested by ${requestedBy}`, error: undefined, outputs: undefined });
    for (const s of this.run(runId).snapshot.steps) if (s.status !== 'succeeded') Object.assign(s, { status: 'pending', error: null, wait: null });
    this.events.push({ runId, type: 'run.rerun', data: { by: requestedBy } });
    return true;
  }
  async runLink(runId: string): Promise<RunLink | null> {
    const run = this.runs.get(runId);
    return run ? { status: run.snapshot.run.status, parent: run.parent ?? null } : null;
  }

  private moveRun(runId: string, from: RunStatus[], to: RunStatus): boolean {
    const run = this.run(runId).snapshot.run;
    if (!from.includes(run.status)) return false;
    run.status = to;
    return true;
  }
  private moveStep(runId: string, stepId: string, from: StepStatus[], to: StepStatus, patch: Partial<StepSnapshot> = {}): boolean {
    const step = this.step(runId, stepId);
    if (!from.includes(step.status)) return false;
    Object.assign(step, patch, { status: to });
    return true;
  }
  private endAttempt(runId: string, stepId: string, attempt: number, to: StepStatus, patch: Partial<StepSnapshot>, attemptStatus: string = to, from: StepStatus[] = ['running']): boolean {
    const step = this.step(runId, stepId);
    if (!from.includes(step.status) || step.attempts !== attempt) return false;
    Object.assign(step, patch, { status: to });
    const record = this.attempts.find((a) => a.stepId === stepId && a.attempt === attempt);
    if (record) record.status = attemptStatus;
    return true;
  }
}

const sorted = (statuses: Record<string, string>): [string, string][] => Object.entries(statuses).sort(([a], [b]) => a.localeCompare(b));
