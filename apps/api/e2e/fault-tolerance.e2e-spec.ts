import { Redis } from 'ioredis';
import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { testRedisUrl, waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { runUntil } from './runs';
import { http } from './http';
import { waitThenCommentPlaybook } from './playbooks';

const waitThenUpdate = waitThenCommentPlaybook(2, 'after the pause');

const isolateOnly = `
name: isolate-machine
title: Isolate one machine
inputs:
  machine_id: { type: string, format: machine_id, required: true }
steps:
  - id: isolate
    action: defender.machine.isolate
    with: { machine_id: "\${{ inputs.machine_id }}", comment: chaos }
`;

/** Settings that make recovery quick enough to test: short locks, an eager reconciler. */
const fastRecovery = { WORKER_LOCK_MS: '2000', RECONCILE_EVERY_MS: '500', RECONCILE_GRACE_MS: '500', RECONCILE_RUNNING_GRACE_MS: '5000' };

describe('surviving faults: lost jobs and killed workers', () => {
  let stack: E2eStack;
  let control: SimulatorControlClient;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0 });
    control = new SimulatorControlClient(stack.sim.controlUrl);
    for (const yaml of [waitThenUpdate, isolateOnly]) expect((await http('POST', `${stack.apiUrl}/playbooks`, yaml)).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const until = (id: string, statuses: string[]) => runUntil(stack.apiUrl, id, statuses);

  it('finishes a run whose jobs were all lost (Redis emptied) through the reconciler', async () => {
    const worker = stack.addWorker(fastRecovery);
    const start = await http('POST', `${stack.apiUrl}/playbooks/wait-then-comment/runs`, { inputs: { alert_id: SEED.alerts.puaOnMac } });
    const runId = start.body.runId as string;
    await until(runId, ['waiting']);
    // Everything this installation had in Redis disappears, as after a restart without persistence.
    const redis = new Redis(testRedisUrl);
    const keys = await redis.keys(`${stack.prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    await redis.quit();

    const run = await until(runId, ['succeeded', 'failed']);
    expect(run.status).toBe('succeeded');
    const log = await control.requests();
    expect(log.filter((r) => r.method === 'PATCH' && r.path === `/api/alerts/${SEED.alerts.puaOnMac}`)).toHaveLength(1);
    await worker.stop();
  });

  it('a worker killed with SIGKILL in the middle of an isolation: another worker finishes the run and the machine is isolated once', async () => {
    const machineId = SEED.machines.salesWorkstation.id;
    // Defender takes 1.5 s to act on the isolate call: long enough to kill the worker while it waits,
    // shorter than the job lock, so the call lands before any takeover looks for it (in production
    // the 30 s lock likewise outlasts the 30 s request timeout).
    await control.addFault({ match: { method: 'POST', path: `/api/machines/${machineId}/isolate$` }, count: 1, fault: { type: 'latency', ms: 1500 } });
    const first = stack.addWorker(fastRecovery);
    const start = await http('POST', `${stack.apiUrl}/playbooks/isolate-machine/runs`, { inputs: { machine_id: machineId } });
    const runId = start.body.runId as string;
    await waitFor(async () => ((await stack.db.stepAttempt.count({ where: { step: { runId }, status: 'running' } })) ? true : undefined), { what: 'the isolate attempt to start' });
    await new Promise((r) => setTimeout(r, 400)); // the state check is done; the isolate call is in flight
    await first.kill();
    const second = stack.addWorker(fastRecovery);

    const run = await until(runId, ['succeeded', 'failed']);
    expect(run.status).toBe('succeeded');
    const isolate = run.steps[0];
    // (Under heavy load the first worker may die before its call leaves: then the second sends it; either way once.)
    expect(isolate.history.map((a: any) => [a.status, a.workerId])).toEqual([
      ['abandoned', 'e2e-worker-2'],
      ['succeeded', 'e2e-worker-3'],
    ]);
    expect(isolate.output.action).toMatchObject({ type: 'Isolate', machineId });
    // Whether or not Defender had acted on the first call, the machine got exactly one isolate action.
    const state = await control.state();
    expect(state.machineActions.filter((a: any) => a.machineId === machineId && a.type === 'Isolate')).toHaveLength(1);
    await second.stop();
  });

  it('SIGTERM: the worker finishes the call in flight, hands the run over cleanly and exits 0', async () => {
    const machineId = SEED.machines.developerWorkstation.id;
    await control.addFault({ match: { method: 'POST', path: `/api/machines/${machineId}/isolate$` }, count: 1, fault: { type: 'latency', ms: 2000 } });
    const first = stack.addWorker(fastRecovery);
    const start = await http('POST', `${stack.apiUrl}/playbooks/isolate-machine/runs`, { inputs: { machine_id: machineId } });
    const runId = start.body.runId as string;
    await waitFor(async () => ((await stack.db.stepAttempt.count({ where: { step: { runId }, status: 'running' } })) ? true : undefined), { what: 'the isolate attempt to start' });
    expect(await first.stop()).toBe(0);
    // The attempt was not abandoned: the call finished and the step was parked to wait for Defender.
    const parked = await stack.db.stepRun.findFirstOrThrow({ where: { runId } });
    expect(parked.status).toBe('waiting');
    const second = stack.addWorker(fastRecovery);
    const run = await until(runId, ['succeeded', 'failed']);
    expect(run.status).toBe('succeeded');
    expect(run.steps[0].history.map((a: any) => a.status)).toEqual(['succeeded']);
    await second.stop();
  });

  it('SIGTERM during start-up, with a job already waiting: the worker finishes the call it took and exits 0', async () => {
    // A rolling update stops a worker that has just started: its first job is taken while Nest is
    // still starting, and the signal must not kill the process in the middle of that call.
    const machineId = SEED.machines.developerWorkstation.id;
    await control.reset();
    await control.addFault({ match: { method: 'POST', path: `/api/machines/${machineId}/isolate$` }, count: 1, fault: { type: 'latency', ms: 2000 } });
    const start = await http('POST', `${stack.apiUrl}/playbooks/isolate-machine/runs`, { inputs: { machine_id: machineId } });
    const runId = start.body.runId as string;
    const worker = stack.addWorker(fastRecovery);
    await waitFor(async () => ((await stack.db.stepAttempt.count({ where: { step: { runId }, status: 'running' } })) ? true : undefined), { what: 'the isolate attempt to start', intervalMs: 5 });
    expect(await worker.stop()).toBe(0);
    expect((await stack.db.stepRun.findFirstOrThrow({ where: { runId } })).status).toBe('waiting');
    const second = stack.addWorker(fastRecovery);
    const run = await until(runId, ['succeeded', 'failed']);
    expect(run.steps[0].history.map((a: any) => a.status)).toEqual(['succeeded']);
    await second.stop();
  });
});
