import { machineIsolateAction } from '@soar/contracts';
import { latestSucceeded } from './machine-action.flow';
import { handler } from './handler-spec';

export const machineActionHandlers = [
  handler({
    definition: machineIsolateAction,
    execute: (client, p, ctx, { flow }) =>
      flow.start(
        client,
        {
          type: 'Isolate',
          machineId: p.machine_id,
          comment: p.comment,
          // No isolation flag exists on the machine entity: the latest succeeded Isolate/Unisolate decides.
          alreadyDone: async (c) => {
            const latest = await latestSucceeded(c, p.machine_id, ['Isolate', 'Unisolate']);
            return latest?.type === 'Isolate' ? latest : undefined;
          },
          send: (c, comment) => c.isolateMachine(p.machine_id, { comment, isolationType: p.isolation_type }),
        },
        ctx,
      ),
    resume: (client, state, _ctx, { flow }) => flow.resume(client, state),
  }),
];
