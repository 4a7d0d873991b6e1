import { z } from 'zod';
import { machineActionIdSchema, machineActionSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { commentSchema } from '../machine/machine-action-unit';

export const machineActionCancel = defenderAction({
  name: 'defender.machine_action.cancel',
  title: 'Cancel machine action',
  description: 'Cancels a machine action that has not finished yet.',
  params: z.strictObject({ machine_action_id: machineActionIdSchema, comment: commentSchema.optional() }),
  output: machineActionSchema,
  permissions: DEFENDER_PERMISSIONS.cancel,
  sideEffect: true,
  execute: async (client, p) => done(await client.cancelMachineAction(p.machine_action_id, { comment: p.comment })),
});
