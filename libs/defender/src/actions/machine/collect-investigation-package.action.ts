import { z } from 'zod';
import { machineActionOptionsShape, machineActionResultSchema, machineIdSchema } from '@soar/contracts';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { commentSchema, machineActionUnit } from './machine-action-unit';
import { anyOfType } from './machine-state';

export const machineCollectInvestigationPackage = machineActionUnit({
  name: 'defender.machine.collect_investigation_package',
  title: 'Collect investigation package',
  description: 'Collects a forensic investigation package from the machine and waits until it is ready (use defender.machine_action.package_uri to download it).',
  params: z.strictObject({ machine_id: machineIdSchema, comment: commentSchema, ...machineActionOptionsShape }),
  output: machineActionResultSchema,
  permissions: DEFENDER_PERMISSIONS.collectForensics,
  alsoNeeds: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: true,
  request: (p) => ({
    type: 'CollectInvestigationPackage',
    describe: 'investigation package collection',
    matches: anyOfType,
    send: (c, comment) => c.collectInvestigationPackage(p.machine_id, { comment }),
  }),
});
