import { isIP } from 'node:net';
import { z } from 'zod';
import { ApiError, badRequest } from '../http/api-error';

export const INDICATOR_TYPES = ['FileSha1', 'FileSha256', 'FileMd5', 'CertificateThumbprint', 'IpAddress', 'DomainName', 'Url'] as const;
export const INDICATOR_ACTIONS = ['Warn', 'Block', 'Audit', 'Alert', 'AlertAndBlock', 'BlockAndRemediate', 'Allowed'] as const;

/** Submit body (REFERENCE §6.2): camelCase, case-sensitive. */
export const indicatorInputSchema = z.strictObject({
  indicatorValue: z.string().min(1),
  indicatorType: z.enum(INDICATOR_TYPES),
  action: z.enum(INDICATOR_ACTIONS),
  title: z.string().min(1),
  description: z.string().min(1),
  application: z.string().nullable().optional(),
  expirationTime: z.string().nullable().optional(),
  severity: z.enum(['Informational', 'Low', 'Medium', 'High']).optional(),
  recommendedActions: z.string().nullable().optional(),
  // An array in the examples, "comma-separated" in the table: accept both.
  rbacGroupNames: z.union([z.array(z.string()), z.string()]).optional(),
  educateUrl: z.string().nullable().optional(),
  generateAlert: z.boolean().optional(),
});
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;

const HEX = { FileSha1: 40, FileSha256: 64, FileMd5: 32, CertificateThumbprint: 40 } as const;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Value checks per type, with Defender's specific error codes (REFERENCE §9.1). */
export function checkIndicatorValue(input: IndicatorInput): void {
  const { indicatorType: type, indicatorValue: value } = input;
  if (type in HEX) {
    const length = HEX[type as keyof typeof HEX];
    if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(value)) throw badRequest('InvalidHashValue', `'${value}' is not a valid ${type} value.`);
  } else if (type === 'IpAddress') {
    // No CIDR ranges for IP indicators.
    if (!isIP(value)) throw badRequest('InvalidIpAddress', `'${value}' is not a valid IP address.`);
  } else if (type === 'DomainName') {
    if (!DOMAIN.test(value)) throw badRequest('InvalidDomainName', `'${value}' is not a valid domain name.`);
  } else if (type === 'Url') {
    if (!isUrl(value)) throw badRequest('InvalidUrl', `'${value}' is not a valid URL.`);
  }
  if (input.action === 'Audit' && input.generateAlert !== true) throw badRequest('InvalidInput', "Action 'Audit' requires generateAlert to be true.");
  if (input.expirationTime && Number.isNaN(Date.parse(input.expirationTime))) throw badRequest('InvalidInput', `Invalid expirationTime '${input.expirationTime}'.`);
}

function isUrl(value: string): boolean {
  for (const candidate of [value, `http://${value}`]) {
    try {
      const url = new URL(candidate);
      if (url.hostname.includes('.')) return true;
    } catch {
      // try the next form
    }
  }
  return false;
}

/** A bad import item fails alone; this turns the thrown error into its failureReason. */
export function failureReason(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  if (error instanceof z.ZodError) return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
  throw error;
}
