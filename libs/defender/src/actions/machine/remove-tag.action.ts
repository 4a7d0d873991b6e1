import { z } from 'zod';
import { machineIdSchema, machineSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { tagSchema } from './machine-ref';

export const machineRemoveTag = defenderAction({
  name: 'defender.machine.remove_tag',
  title: 'Remove machine tag',
  description: 'Removes a tag from a machine (no change when it does not have it).',
  params: z.strictObject({ machine_id: machineIdSchema, tag: tagSchema }),
  output: machineSchema,
  permissions: DEFENDER_PERMISSIONS.machineWrite,
  sideEffect: true,
  // Tag add/remove are idempotent in Defender, so a repeat after a lost response is harmless.
  execute: async (client, p) => done(await client.removeMachineTag(p.machine_id, p.tag)),
});
