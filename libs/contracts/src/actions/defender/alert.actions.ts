import { z } from 'zod';
import type { ActionDefinition } from '../action-definition';
import {
  alertClassificationSchema,
  alertDeterminationSchema,
  alertIdSchema,
  alertSchema,
  fileSchema,
  listParamsShape,
  machineSchema,
  userSchema,
} from './entities';
import { DEFENDER_PERMISSIONS } from './permissions';

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
  description:
    'Changes an alert’s status, assignee, classification or determination, and/or appends a comment (optionally only when no comment already contains a given text). Output `result`: `done`, or `already` when nothing needed writing.',
  params: z
    .strictObject({
      alert_id: alertIdSchema,
      /** null leaves the status unchanged (lets a playbook pass its `alert_status` input through). */
      status: z.enum(['New', 'InProgress', 'Resolved']).nullable().optional(),
      assigned_to: z.string().max(256).optional(),
      classification: alertClassificationSchema.optional(),
      determination: alertDeterminationSchema.optional(),
      comment: z.string().max(10000).optional(),
      /**
       * The comment is not posted when a comment on the alert already contains this text (e.g. the
       * Defender action id and final status it reports), so a second run about the same action
       * writes no second identical comment. The output then has `comment_skipped: true`.
       */
      skip_comment_if_present: z
        .string()
        .min(8)
        .max(1000)
        .nullable()
        .optional()
        .describe('Skip the comment when one on the alert already contains this text (no second identical comment about the same action)'),
    })
    .refine((p) => Object.entries(p).some(([k, v]) => k !== 'alert_id' && k !== 'skip_comment_if_present' && v !== null), {
      message: 'give at least one of status, assigned_to, classification, determination, comment',
    }),
  output: alertSchema.extend({ result: z.enum(['done', 'already']).optional(), comment_skipped: z.boolean().optional() }),
  permissions: ['Alert.ReadWrite.All'],
  sideEffect: true,
} satisfies ActionDefinition;

const alertPatchShape = {
  status: z.enum(['New', 'InProgress', 'Resolved']).optional(),
  assigned_to: z.string().max(256).optional(),
  classification: alertClassificationSchema.optional(),
  determination: alertDeterminationSchema.optional(),
  comment: z.string().max(10000).optional(),
};

export const alertListAction = {
  name: 'defender.alert.list',
  title: 'List alerts',
  description: 'Lists alerts matching an OData filter, following result pages up to `limit`.',
  params: z.strictObject({ ...listParamsShape, expand_evidence: z.boolean().default(false) }),
  output: z.looseObject({ alerts: z.array(alertSchema), count: z.number() }),
  permissions: [...DEFENDER_PERMISSIONS.alertRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const alertBatchUpdateAction = {
  name: 'defender.alert.batch_update',
  title: 'Update several alerts',
  description: 'Applies the same status, assignee, classification, determination and/or comment to several alerts in one call.',
  params: z
    .strictObject({ alert_ids: z.array(alertIdSchema).min(1).max(1000), ...alertPatchShape })
    .refine((p) => Object.keys(p).some((k) => k !== 'alert_ids'), {
      message: 'give at least one of status, assigned_to, classification, determination, comment',
    }),
  output: z.looseObject({ alert_ids: z.array(z.string()) }),
  permissions: [...DEFENDER_PERMISSIONS.alertWrite],
  sideEffect: true,
} satisfies ActionDefinition;

export const alertRelatedMachineAction = {
  name: 'defender.alert.related_machine',
  title: 'Get the alert’s machine',
  description: 'Reads the machine an alert was raised on.',
  params: z.strictObject({ alert_id: alertIdSchema }),
  output: machineSchema,
  permissions: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const alertRelatedUserAction = {
  name: 'defender.alert.related_user',
  title: 'Get the alert’s user',
  description: 'Reads the user related to an alert.',
  params: z.strictObject({ alert_id: alertIdSchema }),
  output: userSchema,
  permissions: [...DEFENDER_PERMISSIONS.userRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const alertRelatedFilesAction = {
  name: 'defender.alert.related_files',
  title: 'List the alert’s files',
  description: 'Lists the files related to an alert.',
  params: z.strictObject({ alert_id: alertIdSchema }),
  output: z.looseObject({ files: z.array(fileSchema) }),
  permissions: [...DEFENDER_PERMISSIONS.fileRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const alertRelatedIpsAction = {
  name: 'defender.alert.related_ips',
  title: 'List the alert’s IP addresses',
  description: 'Lists the IP addresses related to an alert.',
  params: z.strictObject({ alert_id: alertIdSchema }),
  output: z.looseObject({ ips: z.array(z.string()) }),
  permissions: [...DEFENDER_PERMISSIONS.ipRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const alertRelatedDomainsAction = {
  name: 'defender.alert.related_domains',
  title: 'List the alert’s domains',
  description: 'Lists the domains related to an alert.',
  params: z.strictObject({ alert_id: alertIdSchema }),
  output: z.looseObject({ domains: z.array(z.string()) }),
  permissions: [...DEFENDER_PERMISSIONS.urlRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const ALERT_ACTIONS = [
  alertGetAction,
  alertUpdateAction,
  alertListAction,
  alertBatchUpdateAction,
  alertRelatedMachineAction,
  alertRelatedUserAction,
  alertRelatedFilesAction,
  alertRelatedIpsAction,
  alertRelatedDomainsAction,
] as const;
