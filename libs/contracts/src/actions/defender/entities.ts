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
