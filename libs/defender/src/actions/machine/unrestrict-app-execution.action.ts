import { z } from 'zod';
import { machineActionOptionsShape, machineActionResultSchema, machineIdSchema } from '@soar/contracts';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { commentSchema, machineActionUnit } from './machine-action-unit';
import { anyOfType, pairState, RESTRICTION } from './machine-state';

export const machineUnrestrictAppExecution = machineActionUnit({
  name: 'defender.machine.unrestrict_app_execution',
  title: 'Remove app execution restriction',
  description: 'Removes the app execution restriction and waits until Defender reports it done. Reports "already unrestricted" when it is.',
  params: z.strictObject({ machine_id: machineIdSchema, comment: commentSchema, ...machineActionOptionsShape }),
  output: machineActionResultSchema,
  permissions: DEFENDER_PERMISSIONS.restrict,
  alsoNeeds: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: true,
  request: (p) => ({
    type: 'UnrestrictCodeExecution',
    describe: 'removal of the app execution restriction',
    matches: anyOfType,
    preflight: pairState(p.machine_id, 'UnrestrictCodeExecution', RESTRICTION, true, anyOfType),
    send: (c, comment) => c.unrestrictAppExecution(p.machine_id, { comment }),
  }),
});
