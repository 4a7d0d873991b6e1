import { z } from 'zod';
import { machineActionOptionsShape, machineActionResultSchema, machineIdSchema } from '@soar/contracts';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { commentSchema, machineActionUnit } from './machine-action-unit';
import { anyOfType, ISOLATION, pairState } from './machine-state';

export const machineReleaseIsolation = machineActionUnit({
  name: 'defender.machine.release_isolation',
  title: 'Release machine from isolation',
  description:
    'Releases a machine from isolation and waits until Defender reports the action finished. Reports result `already` (reason: not isolated) when the machine is not isolated and `conflict` when an isolation is still pending (it would land after the release).',
  params: z.strictObject({ machine_id: machineIdSchema, comment: commentSchema, ...machineActionOptionsShape }),
  output: machineActionResultSchema,
  permissions: DEFENDER_PERMISSIONS.isolate,
  alsoNeeds: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: true,
  request: (p) => ({
    type: 'Unisolate',
    describe: 'release from isolation',
    matches: anyOfType,
    preflight: pairState(p.machine_id, 'Unisolate', ISOLATION, true, anyOfType),
    send: (c, comment) => c.releaseMachineIsolation(p.machine_id, { comment }),
  }),
});
