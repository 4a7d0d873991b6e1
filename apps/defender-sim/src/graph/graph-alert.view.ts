import type { FilterFields } from '../odata/filter-evaluator';
import type { Alert, Evidence } from '../state/entities';

/** Graph enums are camelCase (security-list-alerts_v2). */
const camel = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
const SEVERITY: Record<string, string> = { UnSpecified: 'unknown', Informational: 'informational', Low: 'low', Medium: 'medium', High: 'high' };
const DETECTION_SOURCE: Record<string, string> = { WindowsDefenderAv: 'antivirus', WindowsDefenderAtp: 'microsoftDefenderForEndpoint', CustomDetection: 'customDetection', AutomatedInvestigation: 'automatedInvestigation' };
const EVIDENCE_TYPE: Record<string, string> = { File: 'fileEvidence', Process: 'processEvidence', Ip: 'ipEvidence', Url: 'urlEvidence', User: 'userEvidence', RegistryKey: 'registryKeyEvidence', RegistryValue: 'registryValueEvidence' };

/** A Defender alert as Graph `security/alerts_v2` shows it (Defender for Endpoint alerts only). */
export function graphAlert(alert: Alert): Record<string, unknown> {
  return {
    id: alert.id,
    providerAlertId: alert.id,
    incidentId: alert.incidentId === null ? null : String(alert.incidentId),
    status: camel(alert.status),
    severity: SEVERITY[alert.severity] ?? 'unknown',
    classification: alert.classification ? camel(alert.classification) : null,
    determination: alert.determination ? camel(alert.determination) : null,
    serviceSource: 'microsoftDefenderForEndpoint',
    detectionSource: DETECTION_SOURCE[alert.detectionSource] ?? camel(alert.detectionSource),
    detectorId: alert.detectorId,
    tenantId: alert.aadTenantId,
    title: alert.title,
    description: alert.description,
    category: alert.category,
    assignedTo: alert.assignedTo,
    createdDateTime: alert.alertCreationTime,
    lastUpdateDateTime: alert.lastUpdateTime,
    resolvedDateTime: alert.resolvedTime,
    firstActivityDateTime: alert.firstEventTime,
    lastActivityDateTime: alert.lastEventTime,
    threatFamilyName: alert.threatFamilyName,
    mitreTechniques: alert.mitreTechniques,
    evidence: [
      { '@odata.type': '#microsoft.graph.security.deviceEvidence', createdDateTime: alert.alertCreationTime, mdeDeviceId: alert.machineId, deviceDnsName: alert.computerDnsName },
      ...alert.evidence.map(evidence),
    ],
  };
}

function evidence(e: Evidence): Record<string, unknown> {
  const base = { '@odata.type': `#microsoft.graph.security.${EVIDENCE_TYPE[e.entityType] ?? 'analyzedMessageEvidence'}`, createdDateTime: e.evidenceCreationTime };
  if (e.entityType === 'File') return { ...base, fileDetails: { sha1: e.sha1, sha256: e.sha256, fileName: e.fileName, filePath: e.filePath } };
  if (e.entityType === 'Ip') return { ...base, ipAddress: e.ipAddress };
  if (e.entityType === 'Url') return { ...base, url: e.url };
  return base;
}

/** `$filter` properties of alerts_v2 the simulator supports (values compared in Graph's spelling). */
export const GRAPH_ALERT_FILTER_FIELDS: FilterFields<Alert> = {
  createdDateTime: { kind: 'datetime', get: (a) => a.alertCreationTime },
  lastUpdateDateTime: { kind: 'datetime', get: (a) => a.lastUpdateTime },
  severity: { kind: 'string', get: (a) => SEVERITY[a.severity] ?? 'unknown' },
  status: { kind: 'string', get: (a) => camel(a.status) },
  serviceSource: { kind: 'string', get: () => 'microsoftDefenderForEndpoint' },
  assignedTo: { kind: 'string', get: (a) => a.assignedTo },
};
