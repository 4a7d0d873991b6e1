import { z } from 'zod';
import { machineActionOptionsShape, machineActionResultSchema, machineIdSchema } from '@soar/contracts';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { commentSchema, machineActionUnit } from './machine-action-unit';
import { anyOfType, pairState, RESTRICTION } from './machine-state';

export const machineRestrictAppExecution = machineActionUnit({
  name: 'defender.machine.restrict_app_execution',
  title: 'Restrict app execution',
  description:
    'Lets only Microsoft-signed code run on the machine and waits until Defender reports it done. Reports "already restricted" when it is.',
  params: z.strictObject({ machine_id: machineIdSchema, comment: commentSchema, ...machineActionOptionsShape }),
  output: machineActionResultSchema,
  permissions: DEFENDER_PERMISSIONS.restrict,
  alsoNeeds: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: true,
  request: (p) => ({
    type: 'RestrictCodeExecution',
    describe: 'app execution restriction',
    matches: anyOfType,
    preflight: pairState(p.machine_id, 'RestrictCodeExecution', RESTRICTION, false, anyOfType),
    send: (c, comment) => c.restrictAppExecution(p.machine_id, { comment }),
  }),
});
