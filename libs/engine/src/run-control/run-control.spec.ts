import { ERROR_CODES, type ActionHandler, type JsonValue } from '@soar/contracts';
import type { PlaybookDefinition, StepDefinition } from '@soar/playbook';
import { jobId, jobKeys } from '../job-keys';
import type { StepWait } from '../ports/run-store';
import { InMemoryApprovals } from '../testing/in-memory-approvals';
import { InMemoryRunStore } from '../testing/in-memory-run.store';
import { InMemoryScheduler } from '../testing/in-memory-scheduler';
import { createRunControl } from './run-control';
import { RunControlError } from './run-control.error';

const step = (id: string, action: string): StepDefinition => ({
  id,
  action,
  with: {},
  needs: [],
  retry: { attempts: 1, backoff: 'fixed', delay_seconds: 1, max_delay_seconds: 1 },
  on_error: 'fail',
});
const playbook = (...steps: StepDefinition[]): PlaybookDefinition =>
  ({ name: 'p', title: 'p', description: '', tags: [], connection: 'contoso', inputs: [], triggers: [{ type: 'manual' }], steps, on_failure: [], outputs: {} }) as PlaybookDefinition;

const wait = (reason: StepWait['reason'], state: JsonValue, extra: Partial<StepWait> = {}): StepWait => ({ reason, state, resumeAt: '2026-01-01T00:00:00Z', seq: 1, ...extra });

function setup() {
  const store = new InMemoryRunStore();
  const scheduler = new InMemoryScheduler();
  const approvals = new InMemoryApprovals((runId) => store.runs.get(runId)?.snapshot.run.status);
  const cancelled: { state: JsonValue; runId: string; stepId: string; connection: string; reason: string }[] = [];
  const defenderLike: ActionHandler = {
    execute: async () => ({ kind: 'done', output: {} }),
    cancel: async (state, ctx, reason) => {
      cancelled.push({ state, runId: ctx.runId, stepId: ctx.stepId, connection: ctx.connection, reason });
      return { id: (state as { actionId: string }).actionId, status: 'Cancelled' };
    },
  };
  const failing: ActionHandler = {
    execute: async () => ({ kind: 'done', output: {} }),
    cancel: async () => {
      throw new Error('Defender answered 503');
    },
  };
  const handlers = new Map<string, ActionHandler>([
    ['defender.machine.isolate', defenderLike],
    ['defender.machine.run_av_scan', failing],
  ]);
  const control = createRunControl({
    playbooks: { latest: async () => null },
    runs: { create: async () => 'unused' },
    store,
    approvals,
    scheduler,
    handlers,
  });
  const park = (runId: string, stepId: string, w: StepWait) => Object.assign(store.step(runId, stepId), { status: 'waiting', attempts: 1, wait: w });
  const setRun = (runId: string, status: 'running' | 'waiting' | 'failed' | 'succeeded') => (store.run(runId).snapshot.run.status = status);
  return { store, scheduler, approvals, control, cancelled, park, setRun };
}

const refusal = async (call: Promise<unknown>) => {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RunControlError);
  return { code: (error as RunControlError).code, message: (error as RunControlError).message };
};

describe('cancel a run', () => {
  it('ends the run and its active sub-runs (all levels) as cancelled, and stops the Defender actions they waited for', async () => {
    const { store, control, cancelled, park, setRun } = setup();
    store.addRun('root', playbook(step('isolate', 'defender.machine.isolate'), step('child', 'core.playbook')));
    store.addRun('child', playbook(step('isolate', 'defender.machine.isolate')), {}, { runId: 'root', stepId: 'child', attempt: 1 });
    store.addRun('grandchild', playbook(step('pause', 'core.wait')), {}, { runId: 'child', stepId: 'x', attempt: 1 });
    store.addRun('old-child', playbook(step('pause', 'core.wait')), {}, { runId: 'root', stepId: 'child', attempt: 0 });
    for (const id of ['root', 'child', 'grandchild']) setRun(id, 'waiting');
    setRun('old-child', 'succeeded');
    park('root', 'isolate', wait('defender-action', { actionId: 'a-1' }));
    park('child', 'isolate', wait('defender-action', { actionId: 'a-2' }));

    const result = await control.cancel.execute({ runId: 'root', actor: 'alice' });

    expect(result).toMatchObject({ reason: 'cancelled by alice', subRuns: ['child', 'grandchild'] });
    expect(result.stopped).toEqual([
      { runId: 'root', stepId: 'isolate', action: 'defender.machine.isolate', id: 'a-1', status: 'Cancelled' },
      { runId: 'child', stepId: 'isolate', action: 'defender.machine.isolate', id: 'a-2', status: 'Cancelled' },
    ]);
    expect(cancelled.map((c) => [c.runId, c.connection, c.reason])).toEqual([
      ['root', 'contoso', 'cancelled by alice'],
      ['child', 'contoso', 'cancelled by alice'],
    ]);
    expect(store.run('root')).toMatchObject({ outcome: 'cancelled', reason: 'cancelled by alice' });
    expect(store.run('grandchild')).toMatchObject({ outcome: 'cancelled', reason: 'parent run root cancelled by alice' });
    expect(store.run('old-child').snapshot.run.status).toBe('succeeded');
    expect(store.step('root', 'isolate').status).toBe('cancelled');
  });

  it('does not call cancel for waits that started nothing outside (a retry or a rate-limit slot), and reports a cancel that failed', async () => {
    const { store, control, cancelled, park, setRun } = setup();
    store.addRun('r', playbook(step('isolate', 'defender.machine.isolate'), step('scan', 'defender.machine.run_av_scan')));
    setRun('r', 'waiting');
    park('r', 'isolate', wait('rate-limit', null, { restart: true }));
    park('r', 'scan', wait('defender-action', { actionId: 'a-3' }));
    const result = await control.cancel.execute({ runId: 'r', actor: 'bob' });
    expect(cancelled).toEqual([]);
    expect(result.stopped).toEqual([{ runId: 'r', stepId: 'scan', action: 'defender.machine.run_av_scan', error: 'Defender answered 503' }]);
    expect(store.run('r').snapshot.run.status).toBe('cancelled');
  });

  it('refuses a finished run with a conflict and an unknown one with not found', async () => {
    const { store, control, setRun } = setup();
    store.addRun('done', playbook(step('a', 'core.set')));
    setRun('done', 'succeeded');
    expect(await refusal(control.cancel.execute({ runId: 'done', actor: 'a' }))).toEqual({ code: ERROR_CODES.conflict, message: 'cannot cancel run done: it is succeeded, not active' });
    expect((await refusal(control.cancel.execute({ runId: 'nope', actor: 'a' }))).code).toBe(ERROR_CODES.runNotFound);
  });
});

describe('re-run a failed run', () => {
  it('queues the run again from its failed step and asks for an advance', async () => {
    const { store, scheduler, control, setRun } = setup();
    store.addRun('r', playbook(step('a', 'core.set'), step('b', 'core.set')));
    setRun('r', 'failed');
    Object.assign(store.step('r', 'a'), { status: 'succeeded', attempts: 1 });
    Object.assign(store.step('r', 'b'), { status: 'failed', attempts: 2, error: { code: 'X' } });
    expect(await control.rerun.execute({ runId: 'r', actor: 'alice' })).toEqual({ runId: 'r', status: 'queued' });
    expect(store.run('r')).toMatchObject({ outcome: undefined, reason: 're-run requested by alice' });
    expect(store.snapshotStatuses('r')).toEqual({ run: 'queued', a: 'succeeded', b: 'pending' });
    expect(store.step('r', 'b').attempts).toBe(2);
    expect(scheduler.jobs).toEqual([expect.objectContaining({ kind: 'advance', runId: 'r', id: expect.stringMatching(/^advance\.r\.rerun\.\d+$/) })]);
  });

  it('refuses a run that did not fail', async () => {
    const { store, scheduler, control, setRun } = setup();
    store.addRun('r', playbook(step('a', 'core.set')));
    setRun('r', 'running');
    expect(await refusal(control.rerun.execute({ runId: 'r', actor: 'a' }))).toEqual({ code: ERROR_CODES.conflict, message: 'cannot re-run run r: it is running, not failed' });
    expect(scheduler.jobs).toEqual([]);
  });
});

describe('decide an approval', () => {
  async function waitingApproval(approvers = ['alice'], allowSelfApproval = false) {
    const s = setup();
    s.store.addRun('r', playbook(step('approve', 'core.approval')));
    s.setRun('r', 'waiting');
    s.park('r', 'approve', wait('approval', { approvalId: 'r/approve/1' }));
    await s.approvals.open({ runId: 'r', stepId: 'approve', attempt: 1, prompt: 'ok?', approvers, expiresAt: new Date(Date.now() + 60_000).toISOString(), defaultDecision: 'reject', allowSelfApproval });
    return s;
  }
  const decide = (control: ReturnType<typeof setup>['control'], actor: string, extra: { roles?: string[]; groups?: string[]; source?: string; admin?: boolean } = {}) =>
    control.decideApproval.execute({
      approvalId: 'r/approve/1',
      decision: 'approve',
      comment: 'why',
      actor,
      actorRoles: extra.roles ?? [],
      actorGroups: extra.groups ?? [],
      actorSource: extra.source ?? 'api-key',
      mayDecideAny: extra.admin ?? false,
    });

  it("four eyes: the run's starter may not approve it, even as an admin; another approver may", async () => {
    // the in-memory runs are started by 'the-starter'
    const { control, approvals } = await waitingApproval(['role:approver']);
    expect(await refusal(decide(control, 'the-starter', { roles: ['analyst', 'approver'] }))).toEqual({
      code: ERROR_CODES.selfApproval,
      message: 'the-starter started run r and may not approve it (four eyes); another of its approvers must decide: anyone with the role approver (or an admin)',
    });
    expect((await refusal(decide(control, 'the-starter', { roles: ['admin'], admin: true }))).code).toBe(ERROR_CODES.selfApproval);
    expect(approvals.rows.get('r/approve/1')!.status).toBe('pending');
    expect((await decide(control, 'ann', { roles: ['approver'] })).decidedBy).toBe('ann');
    expect(approvals.rows.get('r/approve/1')).toMatchObject({ decidedBy: 'ann', decidedSource: 'api-key', comment: 'why' });
  });

  it('lets the starter decide where the step allows self-approval, and local mode (one operator) always', async () => {
    expect((await decide((await waitingApproval(['role:approver'], true)).control, 'the-starter', { roles: ['approver'] })).decidedBy).toBe('the-starter');
    expect((await decide((await waitingApproval(['role:admin'])).control, 'the-starter', { roles: ['admin'], admin: true, source: 'local' })).decidedBy).toBe('the-starter');
  });

  it('lets members of a group named as group:<id> decide', async () => {
    const { control } = await waitingApproval(['group:soc-leads-0001']);
    expect((await refusal(decide(control, 'eve', { groups: ['other'] }))).message).toBe(
      "eve is not one of this approval's approvers; it may be decided by anyone in the group soc-leads-0001 (or an admin)",
    );
    expect((await decide(control, 'gil', { groups: ['soc-leads-0001'] })).decidedBy).toBe('gil');
  });

  it('records the decision of an approver and resumes the step at once, once', async () => {
    const { control, scheduler, approvals } = await waitingApproval();
    const decided = await control.decideApproval.execute({ approvalId: 'r/approve/1', decision: 'approve', comment: 'go', actor: 'alice', actorRoles: [], actorSource: 'api-key', mayDecideAny: false });
    expect(decided).toMatchObject({ id: 'r/approve/1', runId: 'r', stepId: 'approve', decision: 'approve', decidedBy: 'alice' });
    expect(approvals.rows.get('r/approve/1')).toMatchObject({ status: 'decided', decision: 'approve', decidedBy: 'alice', comment: 'go' });
    expect(scheduler.jobs).toEqual([{ kind: 'step', runId: 'r', stepId: 'approve', id: jobId('step', 'r', jobKeys.decision('approve', 1)), delayMs: 0 }]);
    const again = await refusal(control.decideApproval.execute({ approvalId: 'r/approve/1', decision: 'reject', comment: null, actor: 'alice', actorRoles: [], actorSource: 'api-key', mayDecideAny: false }));
    expect(again.code).toBe(ERROR_CODES.conflict);
    expect(again.message).toMatch(/^approval r\/approve\/1 was already approved by alice at \d{4}-/);
  });

  it('lets only the approvers decide, and an admin any approval', async () => {
    const { control } = await waitingApproval(['alice']);
    expect(await refusal(control.decideApproval.execute({ approvalId: 'r/approve/1', decision: 'approve', comment: null, actor: 'mallory', actorRoles: [], actorSource: 'api-key', mayDecideAny: false }))).toEqual({
      code: ERROR_CODES.forbidden,
      message: "mallory is not one of this approval's approvers; it may be decided by alice (or an admin)",
    });
    expect((await control.decideApproval.execute({ approvalId: 'r/approve/1', decision: 'reject', comment: null, actor: 'local-admin', actorRoles: [], actorSource: 'api-key', mayDecideAny: true })).decidedBy).toBe('local-admin');
  });

  it('lets anyone holding a role named as role:<name> decide, and says so to others', async () => {
    const { control } = await waitingApproval(['role:soc-lead']);
    expect(await refusal(control.decideApproval.execute({ approvalId: 'r/approve/1', decision: 'approve', comment: null, actor: 'soc-lead', actorRoles: ['analyst'], actorSource: 'api-key', mayDecideAny: false }))).toEqual({
      code: ERROR_CODES.forbidden,
      message: "soc-lead is not one of this approval's approvers; it may be decided by anyone with the role soc-lead (or an admin)",
    });
    expect((await control.decideApproval.execute({ approvalId: 'r/approve/1', decision: 'approve', comment: null, actor: 'bob', actorRoles: ['soc-lead'], actorSource: 'api-key', mayDecideAny: false })).decidedBy).toBe('bob');
  });

  it('refuses a decision on an expired approval, on a cancelled or finished run, and on an unknown approval', async () => {
    const expired = await waitingApproval();
    expired.approvals.now = () => new Date(Date.now() + 120_000);
    expect((await refusal(expired.control.decideApproval.execute({ approvalId: 'r/approve/1', decision: 'approve', comment: null, actor: 'alice', actorRoles: [], actorSource: 'api-key', mayDecideAny: false }))).message).toBe(
      `approval r/approve/1 expired at ${expired.approvals.rows.get('r/approve/1')!.expiresAt} and was rejected by its default decision`,
    );

    const cancelledRun = await waitingApproval();
    await cancelledRun.control.cancel.execute({ runId: 'r', actor: 'bob' });
    expect(await refusal(cancelledRun.control.decideApproval.execute({ approvalId: 'r/approve/1', decision: 'approve', comment: null, actor: 'alice', actorRoles: [], actorSource: 'api-key', mayDecideAny: false }))).toEqual({
      code: ERROR_CODES.conflict,
      message: 'approval r/approve/1 belongs to run r, which is cancelled',
    });
    expect(cancelledRun.approvals.rows.get('r/approve/1')!.status).toBe('pending');
    expect(cancelledRun.scheduler.jobs).toEqual([]);

    expect((await refusal(cancelledRun.control.decideApproval.execute({ approvalId: 'x', decision: 'approve', comment: null, actor: 'alice', actorRoles: [], actorSource: 'api-key', mayDecideAny: false }))).code).toBe(ERROR_CODES.approvalNotFound);
  });
});

describe('finish a sub-run', () => {
  it('resumes the parent step waiting for a finished sub-run, and does nothing for a run without parent', async () => {
    const { store, scheduler, control, setRun } = setup();
    store.addRun('parent', playbook(step('child', 'core.playbook')));
    store.addRun('child', playbook(step('a', 'core.set')), {}, { runId: 'parent', stepId: 'child', attempt: 2 });
    setRun('child', 'succeeded');
    expect(await control.finishSubRun.execute('child')).toBe(true);
    expect(await control.finishSubRun.execute('parent')).toBe(false);
    expect(scheduler.jobs).toEqual([{ kind: 'step', runId: 'parent', stepId: 'child', id: jobId('step', 'parent', jobKeys.childFinished('child', 2, 'child')), delayMs: 0 }]);
  });
});
