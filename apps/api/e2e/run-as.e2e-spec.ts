import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { userToken } from './entra-tokens';
import { http } from './http';
import { waitFor } from '@soar/testing';
import { TERMINAL } from './runs';

/** Isolates the alert's machine as the analyst who starts the run (their Defender role applies). */
const containAsStarter = `
name: contain-as-starter
title: Isolate the alert's machine as the analyst who starts the run
run_as: starter
inputs:
  alert_id: { type: string, required: true }
steps:
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.alert_id }}" }
  - id: isolate
    action: defender.machine.isolate
    with: { machine_id: "\${{ steps.get_alert.output.machineId }}", comment: "Contained by SOAR (run_as starter)" }
    retry: { attempts: 1 }
`;

/** The same after a pause, so the delegated token can expire before the isolate step runs. */
const isolateLaterAsStarter = `
name: isolate-later-as-starter
title: Wait, then isolate as the starter
inputs:
  machine_id: { type: string, required: true }
steps:
  - id: pause
    action: core.wait
    with: { seconds: 3 }
  - id: isolate
    action: defender.machine.isolate
    run_as: starter
    with: { machine_id: "\${{ inputs.machine_id }}", comment: "Contained later" }
    retry: { attempts: 1 }
`;

/** Asks an approver, then isolates as the person who approved. */
const isolateAsApprover = `
name: isolate-as-approver
title: Ask, then isolate as the approver
inputs:
  machine_id: { type: string, required: true }
steps:
  - id: approve
    action: core.approval
    with: { prompt: "Isolate the machine?", approvers: ["role:approver"] }
  - id: isolate
    action: defender.machine.isolate
    run_as: approver
    with: { machine_id: "\${{ inputs.machine_id }}", comment: "Contained on approval" }
    retry: { attempts: 1 }
`;

const KEY = 'run-as-robot-key-0123456789';
const alertId = SEED.alerts.highSeverityOnWindows;
const machineId = SEED.highSeverityOnWindowsMachineId;
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

/**
 * `run_as: starter` end to end: the API exchanges the signed-in analyst's token On-Behalf-Of them
 * (msal-node against the simulated Entra), the worker process calls Defender (the simulator) with
 * the delegated token, and Defender's RBAC for that person decides.
 */
describe('run_as: starter (delegated Defender calls)', () => {
  let stack: E2eStack;
  let control: SimulatorControlClient;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startE2eStack({ entra: true, env: { API_KEYS: `robot:admin=${KEY}` } });
    control = new SimulatorControlClient(stack.sim.controlUrl);
    for (const yaml of [containAsStarter, isolateLaterAsStarter, isolateAsApprover]) {
      const saved = await http('POST', `${stack.apiUrl}/playbooks`, yaml, as(KEY));
      expect(saved.status).toBe(201);
    }
  });
  afterAll(() => stack?.stop());
  afterEach(async () => {
    await control.setConfig({ consentMissingFor: [], tokenLifetimeSeconds: 3599 });
    await control.reset();
  });

  const start = async (token: string, playbook = 'contain-as-starter', inputs: object = { alert_id: alertId }) => {
    const res = await http('POST', `${stack.apiUrl}/playbooks/${playbook}/runs`, { inputs }, as(token));
    expect(res.status).toBe(202);
    return waitFor(
      async () => {
        const run = (await http('GET', `${stack.apiUrl}/runs/${res.body.runId}`, undefined, as(KEY))).body;
        return TERMINAL.includes(run.status) ? run : undefined;
      },
      { timeoutMs: 45_000, what: `run ${res.body.runId} to finish` },
    );
  };
  const step = (run: { steps: { id: string }[] }, id: string) => run.steps.find((s) => s.id === id) as any;
  const isolationsOf = async (id: string) => (await control.state()).machineActions.filter((a) => a.machineId === id && a.type === 'Isolate');
  const machine = async (id: string) => (await control.state()).machines.find((m) => m.id === id)!;

  it('refuses to start without a signed-in person (an API key), naming why, and creates no run', async () => {
    const res = await http('POST', `${stack.apiUrl}/playbooks/contain-as-starter/runs`, { inputs: { alert_id: alertId } }, as(KEY));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('RUN_AS_NEEDS_SIGNED_IN_USER');
    expect(res.body.error.message).toContain('run_as: starter on get_alert, isolate');
    expect(res.body.error.message).toContain('API key (robot)');
    expect(await stack.db.run.count({ where: { playbookName: 'contain-as-starter' } })).toBe(0);
  });

  it('refuses bad inputs before exchanging any sign-in', async () => {
    const ana = await userToken(stack.sim, 'ana@contoso.test', 'ana-pass');
    const since = (await control.requests()).length;
    const res = await http('POST', `${stack.apiUrl}/playbooks/contain-as-starter/runs`, { inputs: {} }, as(ana));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUTS');
    const exchanges = (await control.requests()).slice(since).filter((r) => r.path.endsWith('/token'));
    expect(exchanges).toEqual([]);
  });

  it("an analyst whose Defender role lacks isolation gets Defender's 403 on the isolate step; the run fails", async () => {
    const andy = await userToken(stack.sim, 'andy@contoso.test', 'andy-pass');
    const run = await start(andy);
    expect(run.status).toBe('failed');
    expect(run.outcome).toBe('failed');
    expect(step(run, 'get_alert')).toMatchObject({ status: 'succeeded', actedAs: { kind: 'user', run_as: 'starter', upn: 'andy@contoso.test' } });
    const isolate = step(run, 'isolate');
    expect(isolate.status).toBe('failed');
    expect(isolate.error).toMatchObject({ code: 'DEFENDER_FORBIDDEN', status: 403, retryable: false, details: { defenderCode: 'Forbidden' } });
    expect(isolate.error.details.defenderMessage).toContain('Active remediation actions');
    expect(isolate.actedAs).toEqual({ kind: 'user', run_as: 'starter', upn: 'andy@contoso.test', oid: '00000000-0000-4000-a000-000000000a0d', connection: 'default' });
    expect(isolate.history[0].actedAs).toMatchObject({ upn: 'andy@contoso.test' });
    expect(await isolationsOf(machineId)).toHaveLength(0);
    expect((await machine(machineId)).isolated).toBe(false);
    // Neither the sign-in nor the delegated token is anywhere in the run's history.
    expect(JSON.stringify(run)).not.toMatch(JWT);
    expect(JSON.stringify(await stack.db.runEvent.findMany({ where: { runId: run.id }, select: { type: true, data: true } }))).not.toMatch(JWT);
  });

  it('an analyst whose Defender role has isolation isolates the machine, and the run shows her as the identity that acted', async () => {
    const ana = await userToken(stack.sim, 'ana@contoso.test', 'ana-pass');
    const run = await start(ana);
    expect(run.status).toBe('succeeded');
    expect(run.startedBy).toBe('ana@contoso.test');
    const isolate = step(run, 'isolate');
    expect(isolate.actedAs).toEqual({ kind: 'user', run_as: 'starter', upn: 'ana@contoso.test', oid: '00000000-0000-4000-a000-000000000a0a', connection: 'default' });
    expect(isolate.output.acted_as).toEqual(isolate.actedAs);
    const isolations = await isolationsOf(machineId);
    expect(isolations).toHaveLength(1);
    expect(isolations[0]).toMatchObject({ requestor: 'ana@contoso.test', status: 'Succeeded' });
    expect((await machine(machineId)).isolated).toBe(true);
    // The summary view shows who acted too (without the outputs).
    const summary = (await http('GET', `${stack.apiUrl}/runs/${run.id}?view=summary`, undefined, as(ana))).body;
    expect(step(summary, 'isolate').actedAs).toMatchObject({ kind: 'user', upn: 'ana@contoso.test' });
    expect(JSON.stringify(run)).not.toMatch(JWT);
  });

  it('missing consent to the delegated permissions fails the first Defender step with its own code, without acting as the app', async () => {
    await control.setConfig({ consentMissingFor: ['ana@contoso.test'] });
    const since = (await control.requests()).length;
    const run = await start(await userToken(stack.sim, 'ana@contoso.test', 'ana-pass'));
    expect(run.status).toBe('failed');
    expect(step(run, 'get_alert').error).toMatchObject({ code: 'DEFENDER_DELEGATION_CONSENT_REQUIRED', retryable: false });
    expect(step(run, 'get_alert').error.message).toContain('AADSTS65001');
    expect(step(run, 'isolate').status).toBe('skipped');
    // Not a single Defender call was made (no app-identity fall-back).
    expect((await control.requests()).slice(since).filter((r) => r.path.startsWith('/api'))).toEqual([]);
  });

  it('a delegated token that expired before its step ran fails the step with DEFENDER_DELEGATED_TOKEN_EXPIRED', async () => {
    const ana = await userToken(stack.sim, 'ana@contoso.test', 'ana-pass');
    await control.setConfig({ tokenLifetimeSeconds: 2 });
    const run = await start(ana, 'isolate-later-as-starter', { machine_id: machineId });
    expect(run.status).toBe('failed');
    expect(step(run, 'isolate').error).toMatchObject({ code: 'DEFENDER_DELEGATED_TOKEN_EXPIRED', retryable: false });
    expect(await isolationsOf(machineId)).toHaveLength(0);
  });

  it('run_as: approver acts as the person who approved; approving with an API key is refused', async () => {
    const started = await http('POST', `${stack.apiUrl}/playbooks/isolate-as-approver/runs`, { inputs: { machine_id: machineId } }, as(KEY));
    expect(started.status).toBe(202);
    const runId = started.body.runId as string;
    const approval = await waitFor(
      async () => ((await http('GET', `${stack.apiUrl}/approvals`, undefined, as(KEY))).body.items as { id: string; runId: string }[]).find((a) => a.runId === runId),
      { timeoutMs: 45_000, what: 'the approval to be pending' },
    );
    const byKey = await http('POST', `${stack.apiUrl}/approvals/${approval.id}/decision`, { decision: 'approve' }, as(KEY));
    expect(byKey.status).toBe(403);
    expect(byKey.body.error).toMatchObject({ code: 'RUN_AS_NEEDS_SIGNED_IN_USER', message: expect.stringContaining('act as the approver of step approve') });

    const april = await userToken(stack.sim, 'april@contoso.test', 'april-pass');
    expect((await http('POST', `${stack.apiUrl}/approvals/${approval.id}/decision`, { decision: 'approve' }, as(april))).status).toBe(201);
    const run = await waitFor(
      async () => {
        const r = (await http('GET', `${stack.apiUrl}/runs/${runId}`, undefined, as(KEY))).body;
        return TERMINAL.includes(r.status) ? r : undefined;
      },
      { timeoutMs: 45_000, what: 'the run to finish' },
    );
    expect(run.status).toBe('succeeded');
    expect(step(run, 'isolate').actedAs).toMatchObject({ kind: 'user', run_as: 'approver', upn: 'april@contoso.test' });
    expect((await isolationsOf(machineId))[0]).toMatchObject({ requestor: 'april@contoso.test' });
  });
});
