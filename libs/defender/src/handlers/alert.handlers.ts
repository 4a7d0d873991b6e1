import { alertGetAction, alertUpdateAction } from '@soar/contracts';
import { done, handler } from './handler-spec';

export const alertHandlers = [
  handler({
    definition: alertGetAction,
    execute: async (client, p) => done(await client.getAlert(p.alert_id, { expandEvidence: true })),
  }),
  handler({
    definition: alertUpdateAction,
    execute: async (client, p) =>
      done(
        await client.updateAlert(p.alert_id, {
          status: p.status,
          assignedTo: p.assigned_to,
          classification: p.classification,
          determination: p.determination,
          comment: p.comment,
        }),
      ),
  }),
];
