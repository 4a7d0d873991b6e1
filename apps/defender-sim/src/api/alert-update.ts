import { z } from 'zod';
import type { Alert } from '../state/entities';
import { toDefenderTime } from '../state/time';

const DETERMINATIONS = [
  'MultiStagedAttack', 'MaliciousUserActivity', 'CompromisedUser', 'Malware', 'Phishing', 'UnwantedSoftware', 'Other',
  'SecurityTesting', 'LineOfBusinessApplication', 'ConfirmedUserActivity', 'Clean', 'InsufficientData',
  // update-alert.md spells two values differently (REFERENCE §3.3); both spellings are accepted.
  'ConfirmedActivity', 'NotMalicious',
] as const;

export const alertChangesShape = {
  status: z.enum(['New', 'InProgress', 'Resolved']).optional(),
  assignedTo: z.string().nullable().optional(),
  classification: z.enum(['TruePositive', 'InformationalExpectedActivity', 'FalsePositive']).nullable().optional(),
  determination: z.enum(DETERMINATIONS).nullable().optional(),
  comment: z.string().optional(),
};
export const alertChangesSchema = z.strictObject(alertChangesShape);
export type AlertChanges = z.infer<typeof alertChangesSchema>;

/** Applies an update; omitted fields keep their value, `comment` appends (REFERENCE §3.4). */
export function applyAlertChanges(alert: Alert, changes: AlertChanges, author: string, now: number): void {
  const at = toDefenderTime(now);
  if (changes.status !== undefined && changes.status !== alert.status) {
    alert.status = changes.status;
    alert.resolvedTime = changes.status === 'Resolved' ? at : null;
  }
  if (changes.assignedTo !== undefined) alert.assignedTo = changes.assignedTo;
  if (changes.classification !== undefined) alert.classification = changes.classification;
  if (changes.determination !== undefined) alert.determination = changes.determination;
  if (changes.comment !== undefined) alert.comments.push({ comment: changes.comment, createdBy: author, createdTime: at });
  alert.lastUpdateTime = at;
}
