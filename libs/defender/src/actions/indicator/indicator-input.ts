import { DEFENDER_ERROR_CODES } from '@soar/contracts';
import { z } from 'zod';
import { DefenderApiError } from '../../defender-api.error';
import type { IndicatorBody, IndicatorImportResult } from '../../defender.types';

export const indicatorTypeSchema = z.enum(['FileSha1', 'FileSha256', 'FileMd5', 'CertificateThumbprint', 'IpAddress', 'DomainName', 'Url']);
export const indicatorActionSchema = z.enum(['Allowed', 'Audit', 'Block', 'BlockAndRemediate', 'Warn', 'Alert', 'AlertAndBlock']);
export const indicatorIdSchema = z.string().regex(/^\d+$/, 'an indicator id is numeric').describe('Defender indicator id, e.g. "994"');

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

/** snake_case playbook indicator → Defender's camelCase body. */
export function indicatorBody(i: IndicatorInput): IndicatorBody {
  return {
    indicatorValue: i.indicator_value,
    indicatorType: i.indicator_type,
    action: i.action,
    title: i.title,
    description: i.description,
    application: i.application,
    expirationTime: i.expiration_time,
    severity: i.severity,
    recommendedActions: i.recommended_actions,
    rbacGroupNames: i.rbac_group_names,
    educateUrl: i.educate_url,
    generateAlert: i.generate_alert,
  };
}

export const importOutput = (results: IndicatorImportResult[]) => ({
  results: results as never,
  failed: results.filter((r) => r.isFailed).length,
});

export const isNotFound = (error: unknown) => error instanceof DefenderApiError && error.code === DEFENDER_ERROR_CODES.notFound;
