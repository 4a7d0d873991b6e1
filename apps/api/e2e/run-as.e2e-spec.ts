import { SEED, SimulatorControlClient } from '@soar/defender-sim';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';
import { runUntil } from './runs';

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

const alertId = SEED.alerts.highSeverityOnWindows;
const machineId = SEED.highSeverityOnWindowsMachineId;

/**
 * `run_as: starter` end to end: the API exchanges the signed-in analyst's token On-Behalf-Of them,
 * the worker calls Defender (the simulator) with the delegated token, and Defender's RBAC decides.
 */
describe('run_as: starter (delegated Defender calls)', () => {
  let stack: E2eStack;
  let control: SimulatorControlClient;

  beforeAll(async () => {
    stack = await startE2eStack();
    control = new SimulatorControlClient(stack.sim.controlUrl);
    const saved = await http('POST', `${stack.apiUrl}/playbooks`, containAsStarter);
    expect(saved.status).toBe(201);
  });
  afterAll(() => stack?.stop());
  afterEach(() => control.setConfig({ consentMissingFor: [] }));

  it('refuses to start without a signed-in person (local mode), naming why', async () => {
    const res = await http('POST', `${stack.apiUrl}/playbooks/contain-as-starter/runs`, { inputs: { alert_id: alertId } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('RUN_AS_NEEDS_SIGNED_IN_USER');
    expect(res.body.error.message).toContain('run_as: starter on get_alert, isolate');
    expect(res.body.error.message).toContain('local mode');
    expect(await stack.db.run.count({ where: { playbookName: 'contain-as-starter' } })).toBe(0);
  });
});
