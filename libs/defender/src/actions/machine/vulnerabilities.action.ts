import { z } from 'zod';
import { machineIdSchema, vulnerabilitySchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const machineVulnerabilities = defenderAction({
  name: 'defender.machine.vulnerabilities',
  title: 'List machine vulnerabilities',
  description: 'Lists the CVEs discovered on a machine.',
  params: z.strictObject({ machine_id: machineIdSchema }),
  output: z.looseObject({ vulnerabilities: z.array(vulnerabilitySchema) }),
  permissions: DEFENDER_PERMISSIONS.vulnerabilityRead,
  sideEffect: false,
  execute: async (client, p) => done({ vulnerabilities: await client.listMachineVulnerabilities(p.machine_id) }),
});
