import { z } from 'zod';
import type { ActionDefinition } from '../action-definition';
import { indicatorSchema, listParamsShape } from './entities';
import { DEFENDER_PERMISSIONS } from './permissions';

export const indicatorTypeSchema = z.enum(['FileSha1', 'FileSha256', 'FileMd5', 'CertificateThumbprint', 'IpAddress', 'DomainName', 'Url']);
export const indicatorActionSchema = z.enum(['Allowed', 'Audit', 'Block', 'BlockAndRemediate', 'Warn', 'Alert', 'AlertAndBlock']);
const indicatorIdSchema = z.string().regex(/^\d+$/, 'an indicator id is numeric').describe('Defender indicator id, e.g. "994"');

/** One indicator as playbook params (snake_case); mapped to Defender's camelCase body. */
export const indicatorInputSchema = z
  .strictObject({
    indicator_value: z.string().min(1).max(2048),
    indicator_type: indicatorTypeSchema,
    action: indicatorActionSchema,
    title: z.string().min(1).max(300),
    description: z.string().min(1).max(10000),
    application: z.string().max(300).optional(),
    expiration_time: z.iso.datetime({ offset: true }).optional(),
    severity: z.enum(['Informational', 'Low', 'Medium', 'High']).optional(),
    recommended_actions: z.string().max(10000).optional(),
    rbac_group_names: z.array(z.string().min(1)).optional(),
    educate_url: z.url().optional(),
    generate_alert: z.boolean().optional(),
  })
  .refine((i) => i.action !== 'Audit' || i.generate_alert === true, {
    message: 'action Audit requires generate_alert: true',
    path: ['generate_alert'],
  });
export type IndicatorInput = z.output<typeof indicatorInputSchema>;

export const indicatorSubmitAction = {
  name: 'defender.indicator.submit',
  title: 'Submit indicator',
  description: 'Creates a custom indicator, or updates the existing one with the same value and type.',
  params: indicatorInputSchema,
  output: indicatorSchema,
  permissions: [...DEFENDER_PERMISSIONS.ti],
  sideEffect: true,
} satisfies ActionDefinition;

export const indicatorImportAction = {
  name: 'defender.indicator.import',
  title: 'Import indicators',
  description: 'Creates or updates many indicators, sent in batches of at most 500. Reports per-indicator failures.',
  params: z.strictObject({ indicators: z.array(indicatorInputSchema).min(1).max(15000) }),
  output: z.looseObject({
    results: z.array(z.looseObject({ id: z.string().nullable().optional(), indicator: z.string().nullable().optional(), isFailed: z.boolean(), failureReason: z.string().nullable().optional() })),
    failed: z.number(),
  }),
  permissions: [...DEFENDER_PERMISSIONS.ti],
  sideEffect: true,
} satisfies ActionDefinition;

export const indicatorListAction = {
  name: 'defender.indicator.list',
  title: 'List indicators',
  description: 'Lists custom indicators matching an OData filter, following result pages up to `limit`.',
  params: z.strictObject(listParamsShape),
  output: z.looseObject({ indicators: z.array(indicatorSchema), count: z.number() }),
  permissions: [...DEFENDER_PERMISSIONS.ti],
  sideEffect: false,
} satisfies ActionDefinition;

export const indicatorDeleteAction = {
  name: 'defender.indicator.delete',
  title: 'Delete indicator',
  description: 'Deletes one custom indicator.',
  params: z.strictObject({ indicator_id: indicatorIdSchema }),
  output: z.looseObject({ indicator_id: z.string(), deleted: z.boolean() }),
  permissions: [...DEFENDER_PERMISSIONS.ti],
  sideEffect: true,
} satisfies ActionDefinition;

export const indicatorBatchDeleteAction = {
  name: 'defender.indicator.batch_delete',
  title: 'Delete indicators',
  description: 'Deletes several custom indicators, in batches of at most 500 ids.',
  params: z.strictObject({ indicator_ids: z.array(indicatorIdSchema).min(1).max(15000) }),
  output: z.looseObject({ indicator_ids: z.array(z.string()) }),
  permissions: [...DEFENDER_PERMISSIONS.ti],
  sideEffect: true,
} satisfies ActionDefinition;

export const INDICATOR_ACTIONS = [
  indicatorSubmitAction,
  indicatorImportAction,
  indicatorListAction,
  indicatorDeleteAction,
  indicatorBatchDeleteAction,
] as const;
