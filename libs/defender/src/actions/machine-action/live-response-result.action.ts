import { z } from 'zod';
import { machineActionIdSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const machineActionLiveResponseResult = defenderAction({
  name: 'defender.machine_action.live_response_result',
  title: 'Get live response result link',
  description: 'Gets a short-lived (30 min) download link for the result of one command of a live response action.',
  params: z.strictObject({ machine_action_id: machineActionIdSchema, command_index: z.number().int().min(0).default(0) }),
  output: z.looseObject({ url: z.string() }),
  permissions: { app: DEFENDER_PERMISSIONS.machineRead.app, delegated: ['Machine.LiveResponse'] },
  sideEffect: false,
  execute: async (client, p) => done({ url: await client.getLiveResponseResultLink(p.machine_action_id, p.command_index) }),
});
