import { z } from 'zod';
import { machineIdSchema, machineSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { tagSchema } from './machine-ref';

export const machineAddTag = defenderAction({
  name: 'defender.machine.add_tag',
  title: 'Add machine tag',
  description: 'Adds a tag to a machine (no change when it already has it).',
  params: z.strictObject({ machine_id: machineIdSchema, tag: tagSchema }),
  output: machineSchema,
  permissions: DEFENDER_PERMISSIONS.machineWrite,
  sideEffect: true,
  // Tag add/remove are idempotent in Defender, so a repeat after a lost response is harmless.
  execute: async (client, p) => done(await client.addMachineTag(p.machine_id, p.tag)),
});
