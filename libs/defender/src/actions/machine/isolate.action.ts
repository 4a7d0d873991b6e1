import { z } from 'zod';
import { machineActionOptionsShape, machineActionResultSchema, machineIdSchema } from '@soar/contracts';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { machineActionUnit } from './machine-action-unit';
import { ISOLATION, pairState, scopeIs } from './machine-state';

export const machineIsolate = machineActionUnit({
  name: 'defender.machine.isolate',
  title: 'Isolate machine',
  description:
    'Isolates a machine from the network (Full or Selective) and waits until Defender reports the action finished. Reports result `already` instead of sending a useless action, `adopted` when following an identical pending isolation, `conflict` when a release or a different isolation is pending.',
  params: z.strictObject({
    machine_id: machineIdSchema,
    comment: z.string().min(1).max(4000),
    isolation_type: z.enum(['Full', 'Selective']).default('Full'),
    ...machineActionOptionsShape,
  }),
  output: machineActionResultSchema,
  permissions: DEFENDER_PERMISSIONS.isolate,
  alsoNeeds: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: true,
  request: (p) => {
    const matches = scopeIs(p.isolation_type, 'Full');
    return {
      type: 'Isolate',
      describe: `${p.isolation_type} isolation`,
      matches,
      preflight: pairState(p.machine_id, 'Isolate', ISOLATION, false, matches),
      send: (c, comment) => c.isolateMachine(p.machine_id, { comment, isolationType: p.isolation_type }),
    };
  },
});
