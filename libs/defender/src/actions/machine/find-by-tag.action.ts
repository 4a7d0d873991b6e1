import { z } from 'zod';
import { machineSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { tagSchema } from './machine-ref';

export const machineFindByTag = defenderAction({
  name: 'defender.machine.find_by_tag',
  title: 'Find machines by tag',
  description: 'Lists machines carrying a tag (or a tag starting with the text).',
  params: z.strictObject({ tag: tagSchema, starts_with: z.boolean().default(false) }),
  output: z.looseObject({ machines: z.array(machineSchema) }),
  permissions: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: false,
  execute: async (client, p) => done({ machines: await client.findMachinesByTag(p.tag, { startsWith: p.starts_with }) }),
});
