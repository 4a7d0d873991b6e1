import { z } from 'zod';

/**
 * Defender entities as the API returns them (../shared/defender-api/REFERENCE.md §3-§5). Only the
 * fields playbooks rely on are typed; the rest pass through untouched, because Defender adds fields
 * over time and a strict schema would break real tenants.
 */
export const alertIdSchema = z.string().min(1).max(200).describe('Defender alert id, e.g. da637551234567890123_-1234567890');
export const machineIdSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{40}$/, 'a Defender machine id is 40 hexadecimal characters')
  .describe('Defender machine id (40 hex characters)');

export const alertStatusSchema = z.enum(['Unknown', 'New', 'InProgress', 'Resolved']);
export const alertSeveritySchema = z.enum(['UnSpecified', 'Informational', 'Low', 'Medium', 'High']);
export const alertClassificationSchema = z.enum(['TruePositive', 'InformationalExpectedActivity', 'FalsePositive']);
/**
 * Determination values the alert API takes (REFERENCE.md §3.3), per classification: TruePositive
 * MultiStagedAttack, MaliciousUserActivity, CompromisedUser, Malware, Phishing, UnwantedSoftware;
 * InformationalExpectedActivity SecurityTesting, LineOfBusinessApplication, ConfirmedUserActivity;
 * FalsePositive Clean, InsufficientData; Other for all. The update-alert page spells two of them
 * ConfirmedActivity and NotMalicious; both spellings are accepted.
 */
export const ALERT_DETERMINATIONS = [
  'MultiStagedAttack', 'MaliciousUserActivity', 'CompromisedUser', 'Malware', 'Phishing', 'UnwantedSoftware',
  'SecurityTesting', 'LineOfBusinessApplication', 'ConfirmedUserActivity', 'ConfirmedActivity',
  'Clean', 'NotMalicious', 'InsufficientData', 'Other',
] as const;
export const alertDeterminationSchema = z.enum(ALERT_DETERMINATIONS);

export const evidenceSchema = z.looseObject({ entityType: z.string() });
export const alertCommentSchema = z.looseObject({
  comment: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdTime: z.string().nullable(),
});

export const alertSchema = z.looseObject({
  id: z.string(),
  title: z.string().nullable().optional(),
  severity: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
  machineId: z.string().nullable().optional(),
  computerDnsName: z.string().nullable().optional(),
  assignedTo: z.string().nullable().optional(),
  classification: z.string().nullable().optional(),
  determination: z.string().nullable().optional(),
  comments: z.array(alertCommentSchema).optional(),
  evidence: z.array(evidenceSchema).optional(),
});

export const machineSchema = z.looseObject({
  id: z.string(),
  computerDnsName: z.string().nullable().optional(),
  osPlatform: z.string().nullable().optional(),
  healthStatus: z.string().nullable().optional(),
  machineTags: z.array(z.string()).optional(),
});

export const machineActionStatusSchema = z.enum(['Pending', 'InProgress', 'Succeeded', 'Failed', 'TimeOut', 'Cancelled']);
export const machineActionSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  status: z.string(),
  machineId: z.string().nullable().optional(),
  requestorComment: z.string().nullable().optional(),
  scope: z.string().nullable().optional(),
});
export type Alert = z.infer<typeof alertSchema>;
export type Machine = z.infer<typeof machineSchema>;
export type MachineAction = z.infer<typeof machineActionSchema>;

export const indicatorSchema = z.looseObject({
  id: z.string(),
  indicatorValue: z.string().nullable().optional(),
  indicatorType: z.string().nullable().optional(),
  action: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
});
export const userSchema = z.looseObject({
  id: z.string(),
  accountName: z.string().nullable().optional(),
  accountDomain: z.string().nullable().optional(),
});
export const fileSchema = z.looseObject({
  sha1: z.string().nullable().optional(),
  sha256: z.string().nullable().optional(),
  fileType: z.string().nullable().optional(),
  globalPrevalence: z.number().nullable().optional(),
});
export const fileStatsSchema = z.looseObject({ sha1: z.string().nullable().optional(), organizationPrevalence: z.number().nullable().optional() });
export const ipStatsSchema = z.looseObject({ ipAddress: z.string().nullable().optional(), organizationPrevalence: z.number().nullable().optional() });
export const domainStatsSchema = z.looseObject({ host: z.string().nullable().optional(), organizationPrevalence: z.number().nullable().optional() });
export const vulnerabilitySchema = z.looseObject({ id: z.string() });
export const softwareSchema = z.looseObject({ id: z.string() });
export type Indicator = z.infer<typeof indicatorSchema>;
export type DefenderUser = z.infer<typeof userSchema>;
export type DefenderFile = z.infer<typeof fileSchema>;
export type FileStats = z.infer<typeof fileStatsSchema>;
export type IpStats = z.infer<typeof ipStatsSchema>;
export type DomainStats = z.infer<typeof domainStatsSchema>;
export type Vulnerability = z.infer<typeof vulnerabilitySchema>;
export type Software = z.infer<typeof softwareSchema>;

export const machineActionIdSchema = z.guid('a machine action id is a GUID').describe('Defender machine action id (GUID)');
export const sha1Schema = z.string().regex(/^[0-9a-fA-F]{40}$/, 'a SHA-1 is 40 hexadecimal characters');
export const fileHashSchema = z
  .string()
  .regex(/^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/, 'give a SHA-1 (40 hex) or SHA-256 (64 hex)')
  .describe('SHA-1 or SHA-256');
export const ipAddressSchema = z.union([z.ipv4(), z.ipv6()]).describe('IPv4 or IPv6 address (no CIDR)');
export const domainSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$/, 'a domain name has letters, digits, dots and dashes only');
/** OData list options as playbook params. */
export const listParamsShape = {
  filter: z.string().max(4000).optional().describe("OData $filter, e.g. status eq 'New'"),
  top: z.number().int().min(1).max(10000).optional().describe('$top: page size asked of Defender'),
  skip: z.number().int().min(0).optional().describe('How many results to skip before the first returned (OData $skip)'),
  limit: z.number().int().min(1).max(100000).default(1000).describe('stop after this many items (pages are followed)'),
};
export const lookBackHoursSchema = z.number().int().min(1).max(720).optional().describe('look-back window in hours (default and maximum 720)');
