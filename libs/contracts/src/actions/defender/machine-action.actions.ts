import { z } from 'zod';
import type { ActionDefinition } from '../action-definition';
import { machineActionSchema, machineIdSchema } from './entities';

export const machineIsolateAction = {
  name: 'defender.machine.isolate',
  title: 'Isolate machine',
  description:
    'Isolates a machine from the network (Full or Selective) and waits until Defender reports the action finished. Reports "already isolated" instead of sending a useless action.',
  params: z.strictObject({
    machine_id: machineIdSchema,
    comment: z.string().min(1).max(4000),
    isolation_type: z.enum(['Full', 'Selective']).default('Full'),
  }),
  output: z.looseObject({ already: z.boolean().optional(), action: machineActionSchema.nullable() }),
  permissions: ['Machine.Isolate'],
  sideEffect: true,
} satisfies ActionDefinition;
