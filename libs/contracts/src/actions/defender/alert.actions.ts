import { z } from 'zod';
import type { ActionDefinition } from '../action-definition';
import { alertClassificationSchema, alertIdSchema, alertSchema } from './entities';

export const alertGetAction = {
  name: 'defender.alert.get',
  title: 'Get alert',
  description: 'Reads one alert with its evidence.',
  params: z.strictObject({ alert_id: alertIdSchema }),
  output: alertSchema,
  permissions: ['Alert.Read.All', 'Alert.ReadWrite.All'],
  sideEffect: false,
} satisfies ActionDefinition;

export const alertUpdateAction = {
  name: 'defender.alert.update',
  title: 'Update alert',
  description: 'Changes an alert’s status, assignee, classification or determination, and/or appends a comment.',
  params: z
    .strictObject({
      alert_id: alertIdSchema,
      status: z.enum(['New', 'InProgress', 'Resolved']).optional(),
      assigned_to: z.string().max(256).optional(),
      classification: alertClassificationSchema.optional(),
      determination: z.string().max(100).optional(),
      comment: z.string().max(10000).optional(),
    })
    .refine((p) => Object.keys(p).some((k) => k !== 'alert_id'), {
      message: 'give at least one of status, assigned_to, classification, determination, comment',
    }),
  output: alertSchema,
  permissions: ['Alert.ReadWrite.All'],
  sideEffect: true,
} satisfies ActionDefinition;
