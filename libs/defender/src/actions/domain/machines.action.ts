import { z } from 'zod';
import { domainSchema, listParamsShape } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { machinesOutput } from '../related-entities';

export const domainMachines = defenderAction({
  name: 'defender.domain.machines',
  title: 'List domain machines',
  description: 'Lists machines that communicated with a domain (Defender returns at most 500).',
  params: z.strictObject({ domain: domainSchema, limit: listParamsShape.limit }),
  output: machinesOutput,
  permissions: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: false,
  execute: async (client, p) => done({ machines: await client.listDomainMachines(p.domain, { limit: p.limit }) }),
});
