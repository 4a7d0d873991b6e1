import { z } from 'zod';
import { machineIdSchema, machineSchema } from '@soar/contracts';
import { resolveHandlerOptions } from '../handlers/handler-options';
import { MachineActionFlow } from '../handlers/machine-action.flow';
import { seg } from '../odata';
import { SEED, startSim, stepContext, type SimHarness } from '../testing/sim-harness';
import { defenderAction, done } from './defender-action';
import { DEFENDER_PERMISSIONS } from './defender-permissions';

/**
 * How a new action is added (README, "Adding a Defender action"): a unit that makes its own call,
 * with no DefenderClient method, run against the simulator as its contract test would.
 */
const machineHealth = defenderAction({
  name: 'defender.machine.health_example',
  title: 'Machine health (example unit)',
  description: 'Reads a machine and reports its health status.',
  params: z.strictObject({ machine_id: machineIdSchema }),
  output: machineSchema.pick({ healthStatus: true }),
  sideEffect: false,
  permissions: DEFENDER_PERMISSIONS.machineRead,
  execute: async (client, p) => {
    const machine = await client.send<{ healthStatus?: string }>({
      method: 'GET',
      path: `/api/machines/${seg(p.machine_id)}`,
      operation: 'GET /api/machines/{id}',
      permissions: DEFENDER_PERMISSIONS.machineRead.app,
    });
    return done({ healthStatus: machine.healthStatus ?? null });
  },
});

describe('an action unit makes its own Defender call', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSim();
  });
  afterAll(() => h.close());
  const env = () => {
    const options = resolveHandlerOptions();
    return { options, flow: new MachineActionFlow(options) };
  };

  it('runs against the simulator through the unit alone', async () => {
    const outcome = await machineHealth.handler.execute(h.client(), { machine_id: SEED.machines.financeWorkstation.id }, stepContext(), env());
    expect(outcome).toEqual({ kind: 'done', output: { healthStatus: 'Active' } });
  });

  it('a 403 names the permission the unit declared', async () => {
    const noRoles = await h.control.registerClient({ roles: ['Alert.Read.All'] });
    const client = h.client({ clientId: noRoles.clientId, credential: { kind: 'secret', clientSecret: noRoles.clientSecret! } });
    const error = await machineHealth.handler.execute(client, { machine_id: SEED.machines.financeWorkstation.id }, stepContext(), env()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DEFENDER_FORBIDDEN', retryable: false });
    expect((error as Error).message).toContain('Machine.Read.All');
  });
});
