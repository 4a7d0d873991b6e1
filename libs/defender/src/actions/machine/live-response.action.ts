import { z } from 'zod';
import { machineActionOptionsShape, machineActionResultSchema, machineIdSchema } from '@soar/contracts';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { liveResponseCommands, liveResponseCommandSchema, liveResponseFinish, sameCommands } from './live-response';
import { commentSchema, machineActionUnit } from './machine-action-unit';

export const machineLiveResponse = machineActionUnit({
  name: 'defender.machine.live_response',
  title: 'Run live response commands',
  description:
    'Runs live response commands (PutFile, RunScript, GetFile; Defender runs them in that order and stops at the first failure) and waits until they finish. The output lists a download link per command.',
  params: z.strictObject({
    machine_id: machineIdSchema,
    comment: commentSchema,
    commands: z.array(liveResponseCommandSchema).min(1).max(10),
    ...machineActionOptionsShape,
  }),
  output: machineActionResultSchema.extend({
    results: z.array(z.looseObject({ index: z.number(), type: z.string().optional(), url: z.string().nullable() })).optional(),
  }),
  permissions: DEFENDER_PERMISSIONS.liveResponse,
  alsoNeeds: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: true,
  request: (p) => {
    const commands = liveResponseCommands(p.commands);
    return {
      type: 'LiveResponse',
      describe: `live response (${commands.map((c) => c.type).join(', ')})`,
      matches: (a) => sameCommands(a, commands),
      send: (c, comment) => c.runLiveResponse(p.machine_id, { comment, commands }),
    };
  },
  finish: liveResponseFinish,
});
