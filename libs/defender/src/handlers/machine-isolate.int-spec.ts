import { ActionError, type ActionHandler, type ActionOutcome, type JsonValue } from '@soar/contracts';
import type { DefenderClient } from '../defender.client';
import { runToCompletion, SEED, startSim, stepContext, type SimHarness } from '../testing/sim-harness';
import { createDefenderActionHandlers } from './create-defender-action-handlers';

function stateOf(outcome: ActionOutcome): { machineActionId: string; adopted?: boolean } {
  if (outcome.kind !== 'wait') throw new Error(`expected a wait, got ${JSON.stringify(outcome)}`);
  return outcome.state as unknown as { machineActionId: string; adopted?: boolean };
}

/** `defender.machine.isolate` (and the shared machine-action flow) against the simulator. */
describe('defender.machine.isolate handler (simulator)', () => {
  let h: SimHarness;
  let client: DefenderClient;
  let isolate: ActionHandler;
  let release: ActionHandler;
  const sales = SEED.machines.salesWorkstation.id;

  beforeAll(async () => {
    h = await startSim();
    client = h.client();
    const handlers = createDefenderActionHandlers(() => client);
    isolate = handlers.get('defender.machine.isolate')!;
    release = handlers.get('defender.machine.release_isolation')!;
  });
  afterAll(() => h.close());
  beforeEach(() => h.control.reset());

  const posts = async (since: number, verb = 'isolate') =>
    (await h.control.apiRequests(since)).filter((r) => r.method === 'POST' && r.path.endsWith(`/${verb}`));

  it('sends a tagged isolation, waits durably, and finishes when Defender reports Succeeded', async () => {
    const ctx = stepContext();
    const since = await h.control.mark();
    const first = await isolate.execute({ machine_id: sales, comment: 'Contain ransomware', isolation_type: 'Selective' }, ctx);
    expect(first).toMatchObject({ kind: 'wait', reason: 'defender-action', state: { polls: 0, machineId: sales, type: 'Isolate' } });
    expect(first.kind === 'wait' && first.resumeAfterMs).toBe(1000);

    const sent = await posts(since);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({ Comment: `Contain ransomware [soar run=${ctx.runId} step=${ctx.stepId}]`, IsolationType: 'Selective' });

    // Resume from the first outcome's state (as the engine would) until done.
    let outcome = first;
    const delays: number[] = [];
    while (outcome.kind === 'wait') {
      delays.push(outcome.resumeAfterMs);
      await new Promise((r) => setTimeout(r, 150));
      outcome = await isolate.resume!(outcome.state, ctx);
    }
    expect(outcome.output).toMatchObject({ already: false, action: { type: 'Isolate', status: 'Succeeded', machineId: sales, scope: 'Selective' } });
    expect(delays).toEqual([1000, 1600, 2560, 4096].slice(0, delays.length));
  });

  it('reports already isolated without sending anything', async () => {
    const since = await h.control.mark();
    const out = await isolate.execute({ machine_id: SEED.machines.hrWorkstation.id, comment: 'again' }, stepContext());
    expect(out).toEqual({
      kind: 'done',
      output: expect.objectContaining({
        result: 'already',
        already: true,
        actionId: SEED.machineActions.hrIsolation,
        status: 'Succeeded',
        requestor: 'secops@contoso.com',
        action: expect.objectContaining({ id: SEED.machineActions.hrIsolation, type: 'Isolate', status: 'Succeeded' }),
      }),
    });
    expect(await posts(since)).toHaveLength(0);
  });

  it('isolates again after a release (the latest Succeeded Isolate/Unisolate decides)', async () => {
    const hr = SEED.machines.hrWorkstation.id;
    const released = await runToCompletion(release, { machine_id: hr, comment: 'clean' }, stepContext());
    expect(released.output).toMatchObject({ already: false, action: { type: 'Unisolate', status: 'Succeeded' } });
    const releasedAgain = await release.execute({ machine_id: hr, comment: 'clean' }, stepContext());
    expect(releasedAgain).toMatchObject({ kind: 'done', output: { already: true, action: { type: 'Unisolate' } } });
    const isolated = await runToCompletion(isolate, { machine_id: hr, comment: 'reinfected' }, stepContext());
    expect(isolated.output).toMatchObject({ already: false, action: { type: 'Isolate', status: 'Succeeded' } });
  });

  it('release of a never-isolated machine is already done', async () => {
    const out = await release.execute({ machine_id: SEED.machines.developerWorkstation.id, comment: 'x' }, stepContext());
    expect(out).toEqual({ kind: 'done', output: expect.objectContaining({ result: 'already', already: true, action: null, actionId: null, reason: 'machine is not isolated: it never was isolated' }) });
  });

  it('with maybeSent, adopts the action an earlier attempt sent (found by its tag) instead of sending again', async () => {
    const ctx = stepContext();
    const since = await h.control.mark();
    const first = await isolate.execute({ machine_id: sales, comment: 'c' }, ctx);
    const again = await isolate.execute({ machine_id: sales, comment: 'c' }, { ...ctx, attempt: 2, maybeSent: true });
    expect(again.kind).toBe('wait');
    expect(stateOf(again)).toMatchObject({ machineActionId: stateOf(first).machineActionId, adopted: true });
    expect(await posts(since)).toHaveLength(1);
  });

  it('with maybeSent but nothing sent before, sends', async () => {
    const since = await h.control.mark();
    const out = await isolate.execute({ machine_id: sales, comment: 'c' }, stepContext({ maybeSent: true }));
    expect(out.kind).toBe('wait');
    expect(await posts(since)).toHaveLength(1);
  });

  it('after a response lost on the wire (simulator drops it after acting), the maybeSent retry adopts the action', async () => {
    const ctx = stepContext();
    // Short timeout: whether the simulator resets the socket or leaves it hanging, the send is lost.
    const impatient = createDefenderActionHandlers(() => h.client({ requestTimeoutMs: 2000 })).get('defender.machine.isolate')!;
    await h.control.fault({ match: { method: 'POST', path: '/isolate$' }, fault: { type: 'drop-after-perform' } });
    const since = await h.control.mark();
    const lost = await impatient.execute({ machine_id: sales, comment: 'c' }, ctx).catch((e: unknown) => e);
    expect(lost).toMatchObject({ retryable: true });
    const retry = await runToCompletion(impatient, { machine_id: sales, comment: 'c' }, { ...ctx, attempt: 2, maybeSent: true });
    expect(retry.output).toMatchObject({ already: false, adopted: true, action: { type: 'Isolate', status: 'Succeeded' } });
    expect(await posts(since)).toHaveLength(1);
  });

  it('on 400 ActiveRequestAlreadyExists adopts the pending action of that type', async () => {
    await h.control.setConfig({ actionSchedule: { pendingMs: 60_000, inProgressMs: 0 } });
    const other = await client.isolateMachine(sales, { comment: 'analyst in the portal', isolationType: 'Full' });
    const out = await isolate.execute({ machine_id: sales, comment: 'c' }, stepContext());
    expect(out).toMatchObject({ kind: 'wait', state: { machineActionId: other.id, adopted: true } });
  });

  it('when Defender answers a duplicate with the existing action (the other documented behaviour), waits on that one', async () => {
    await h.control.setConfig({ conflictMode: 'return-existing', actionSchedule: { pendingMs: 60_000, inProgressMs: 0 } });
    const other = await client.isolateMachine(sales, { comment: 'analyst in the portal', isolationType: 'Full' });
    const out = await isolate.execute({ machine_id: sales, comment: 'c' }, stepContext());
    expect(stateOf(out).machineActionId).toBe(other.id);
  });

  it.each(['Failed', 'TimeOut', 'Cancelled'])('a %s action is a terminal error carrying the status', async (status) => {
    await h.control.actionOutcome({ match: { machineId: sales, type: 'Isolate' }, outcome: status, count: 1 });
    const error = await runToCompletion(isolate, { machine_id: sales, comment: 'c' }, stepContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(error).toMatchObject({ code: 'DEFENDER_ACTION_FAILED', retryable: false, options: { details: { status } } });
  });

  it('gives up after the maximum wait with a terminal error', async () => {
    let now = 1_000_000;
    const handlers = createDefenderActionHandlers(() => client, { maxActionWaitMs: 60_000, now: () => now });
    const slow = handlers.get('defender.machine.isolate')!;
    await h.control.actionOutcome({ match: { machineId: sales, type: 'Isolate' }, outcome: 'stay-pending', count: 1 });
    const ctx = stepContext();
    let outcome = await slow.execute({ machine_id: sales, comment: 'c' }, ctx);
    now += 59_000;
    outcome = await slow.resume!((outcome as { state: JsonValue }).state, ctx);
    expect(outcome).toMatchObject({ kind: 'wait', resumeAfterMs: 1000 }); // capped by the time left
    now += 1_000;
    const error = await slow.resume!((outcome as { state: JsonValue }).state, ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DEFENDER_ACTION_WAIT_EXCEEDED', retryable: false });
  });

  it('cancel stops the action the step waits for in Defender, and reports (does not throw) when it cannot', async () => {
    await h.control.actionOutcome({ match: { machineId: sales, type: 'Isolate' }, outcome: 'stay-pending', count: 1 });
    const ctx = stepContext();
    const waiting = await isolate.execute({ machine_id: sales, comment: 'c' }, ctx);
    const { machineActionId } = stateOf(waiting);
    const since = await h.control.mark();
    const report = await isolate.cancel!((waiting as { state: JsonValue }).state, ctx, 'cancelled by alice');
    expect(report).toEqual({ id: machineActionId, status: 'Cancelled' });
    const cancels = (await h.control.apiRequests(since)).filter((r) => r.method === 'POST' && r.path === `/api/machineactions/${machineActionId}/cancel`);
    expect(cancels).toHaveLength(1);
    expect(cancels[0]!.body).toMatchObject({ Comment: `SOAR run ${ctx.runId} cancelled by alice` });

    const missing = { ...(waiting as { state: Record<string, JsonValue> }).state, machineActionId: '00000000-0000-0000-0000-000000000000' };
    expect(await isolate.cancel!(missing, ctx, 'cancelled by alice')).toEqual({ id: '00000000-0000-0000-0000-000000000000', error: expect.any(String) });
  });
});
