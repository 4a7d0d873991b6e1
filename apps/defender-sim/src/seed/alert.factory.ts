import type { Alert, Evidence } from '../state/entities';
import { MINUTE_MS, toDefenderTime } from '../state/time';
import { fakeGuid } from './fake-hash';
import type { SeedUser } from './users.seed';

export interface AlertSpec {
  id: string;
  machine: { id: string; computerDnsName: string };
  rbacGroupName: string;
  /** Minutes before the seed base time when the alert was created. */
  createdMinutesAgo: number;
  severity: string;
  status: string;
  detectionSource: string;
  category: string;
  title: string;
  description: string;
  user: SeedUser | null;
  mitreTechniques: string[];
  evidence: (at: string, eventAt: (minutesBeforeCreation: number) => string) => Evidence[];
  incidentId: number;
  investigationId?: number | null;
  investigationState?: string | null;
  assignedTo?: string | null;
  classification?: string | null;
  determination?: string | null;
  threatFamilyName?: string | null;
  threatName?: string | null;
  resolvedMinutesAgo?: number;
  comments?: { comment: string; createdBy: string; minutesAgo: number }[];
}

/** Builds a full alert from the few fields that vary between seed alerts. */
export function buildAlert(spec: AlertSpec, base: number, tenantId: string): Alert {
  const created = base - spec.createdMinutesAgo * MINUTE_MS;
  const at = toDefenderTime(created + 1_200);
  const eventAt = (m: number) => toDefenderTime(created - m * MINUTE_MS);
  const resolved = spec.resolvedMinutesAgo === undefined ? null : base - spec.resolvedMinutesAgo * MINUTE_MS;
  const lastComment = Math.min(...(spec.comments ?? []).map((c) => c.minutesAgo), Infinity);
  const lastUpdate = Math.max(created + 2_000, resolved ?? 0, Number.isFinite(lastComment) ? base - lastComment * MINUTE_MS : 0);
  return {
    id: spec.id,
    incidentId: spec.incidentId,
    investigationId: spec.investigationId ?? null,
    assignedTo: spec.assignedTo ?? null,
    severity: spec.severity,
    status: spec.status,
    classification: spec.classification ?? null,
    determination: spec.determination ?? null,
    investigationState: spec.investigationState ?? 'Queued',
    detectionSource: spec.detectionSource,
    detectorId: fakeGuid(`detector:${spec.title}`),
    category: spec.category,
    threatFamilyName: spec.threatFamilyName ?? null,
    title: spec.title,
    description: spec.description,
    alertCreationTime: toDefenderTime(created),
    firstEventTime: eventAt(3),
    lastEventTime: eventAt(1),
    lastUpdateTime: toDefenderTime(lastUpdate),
    resolvedTime: resolved === null ? null : toDefenderTime(resolved),
    machineId: spec.machine.id,
    computerDnsName: spec.machine.computerDnsName,
    rbacGroupName: spec.rbacGroupName,
    aadTenantId: tenantId,
    threatName: spec.threatName ?? null,
    mitreTechniques: spec.mitreTechniques,
    relatedUser: spec.user ? { userName: spec.user.accountName, domainName: spec.user.domain } : null,
    loggedOnUsers: spec.user ? [{ accountName: spec.user.accountName, domainName: spec.user.domain }] : [],
    comments: (spec.comments ?? []).map((c) => ({ comment: c.comment, createdBy: c.createdBy, createdTime: toDefenderTime(base - c.minutesAgo * MINUTE_MS) })),
    evidence: spec.evidence(at, eventAt),
    domains: [],
  };
}
