import { z } from 'zod';
import { machineActionIdSchema } from '@soar/contracts';
import { defenderAction } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { packageFinish } from './package-finish';

export const machineActionPackageUri = defenderAction({
  name: 'defender.machine_action.package_uri',
  title: 'Get investigation package link',
  description: 'Waits until the investigation package of a collection action is available and returns its short-lived download link.',
  params: z.strictObject({ machine_action_id: machineActionIdSchema }),
  output: z.looseObject({ url: z.string() }),
  permissions: { app: DEFENDER_PERMISSIONS.machineRead.app, delegated: ['Machine.CollectForensics'] },
  sideEffect: false,
  // Poll the action (cheap, default quota) until Succeeded; only then spend the 2/min package quota.
  execute: (client, p, ctx, { flow }) => flow.watch(client, p.machine_action_id, ctx, packageFinish(flow)),
  resume: (client, state, _ctx, { flow }) => flow.resume(client, state, packageFinish(flow)),
});
