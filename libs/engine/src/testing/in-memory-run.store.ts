import type { JsonValue, RunStatus, StepStatus } from '@soar/contracts';
import type { PlaybookDefinition } from '@soar/playbook';
import type { ClaimedAttempt, FinalRunStatus, RunEnding, RunSnapshot, RunStore, StepSnapshot, StepWait } from '../ports/run-store';

interface AttemptRecord {
  stepId: string;
  attempt: number;
  status: string;
  params?: JsonValue;
}

/** The engine's RunStore in memory, with the same conditional-update rules as the Postgres one. */
export class InMemoryRunStore implements RunStore {
  readonly runs = new Map<string, { snapshot: RunSnapshot; outputs?: JsonValue; error?: JsonValue; reason?: string; outcome?: RunEnding['outcome'] }>();
  readonly attempts: AttemptRecord[] = [];
  readonly events: { runId: string; type: string; data: JsonValue }[] = [];

  addRun(runId: string, definition: PlaybookDefinition, inputs: Record<string, JsonValue> = {}): void {
    const steps: StepSnapshot[] = [...definition.steps, ...(definition.on_failure ?? [])].map((s) => ({ stepId: s.id, action: s.action, status: 'pending', attempts: 0, output: null, error: null, wait: null }));
    this.runs.set(runId, {
      snapshot: {
        run: { id: runId, status: 'queued', inputs, trigger: { type: 'manual' }, startedBy: 'test', playbookName: definition.name, playbookVersion: 1, startedAt: null },
        definition,
        steps,
      },
    });
  }

  run(runId: string) {
    return this.runs.get(runId)!;
  }
  step(runId: string, stepId: string): StepSnapshot {
    return this.run(runId).snapshot.steps.find((s) => s.stepId === stepId)!;
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
    return this.moveStep(runId, stepId, ['pending', 'queued'], 'skipped', { error: { code: 'SKIPPED', message: reason } });
  }
  async claimStep(runId: string, stepId: string, claim: { from: 'queued' | 'running' | 'waiting'; expectedAttempts: number; workerId: string; newAttempt: boolean }): Promise<ClaimedAttempt | null> {
    const step = this.step(runId, stepId);
    if (step.status !== claim.from || step.attempts !== claim.expectedAttempts) return null;
    const attempt = claim.newAttempt ? claim.expectedAttempts + 1 : Math.max(1, claim.expectedAttempts);
    const unfinished = this.attempts.filter((a) => a.stepId === stepId && a.status === 'running' && a.attempt < attempt);
    unfinished.forEach((a) => (a.status = 'abandoned'));
    step.status = 'running';
    step.attempts = attempt;
    if (claim.newAttempt) step.wait = null;
    if (claim.newAttempt) this.attempts.push({ stepId, attempt, status: 'running' });
    return { attempt, maybeSent: unfinished.length > 0 || (claim.newAttempt && attempt > 1) };
  }
  async recordParams(_runId: string, stepId: string, attempt: number, params: JsonValue): Promise<void> {
    const record = this.attempts.find((a) => a.stepId === stepId && a.attempt === attempt);
    if (record) record.params = params;
  }
  async completeStep(runId: string, stepId: string, attempt: number, output: JsonValue, from: StepStatus[] = ['running']): Promise<boolean> {
    return this.endAttempt(runId, stepId, attempt, 'succeeded', { output, wait: null }, 'succeeded', from);
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
