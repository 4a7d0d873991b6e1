import type { JsonValue } from '@soar/contracts';

type Obj = { [key: string]: JsonValue };
const isObj = (v: JsonValue | undefined): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** Graph enums are camelCase; Defender's are PascalCase (REFERENCE.md §3.4 and alerts_v2). */
const SEVERITY: Record<string, string> = { informational: 'Informational', low: 'Low', medium: 'Medium', high: 'High', unknown: 'UnSpecified' };
const STATUS: Record<string, string> = { new: 'New', inProgress: 'InProgress', resolved: 'Resolved', unknown: 'Unknown' };
const DETECTION_SOURCE: Record<string, string> = {
  antivirus: 'WindowsDefenderAv',
  microsoftDefenderForEndpoint: 'WindowsDefenderAtp',
  smartScreen: 'WindowsDefenderSmartScreen',
  customDetection: 'CustomDetection',
  customTi: 'CustomerTI',
  automatedInvestigation: 'AutomatedInvestigation',
};
const EVIDENCE_TYPE: Record<string, string> = {
  fileEvidence: 'File',
  processEvidence: 'Process',
  ipEvidence: 'Ip',
  urlEvidence: 'Url',
  userEvidence: 'User',
  deviceEvidence: 'Machine',
  registryKeyEvidence: 'RegistryKey',
  registryValueEvidence: 'RegistryValue',
  mailboxEvidence: 'MailBox',
};
const pascal = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A Graph `security/alerts_v2` alert in Defender's alert shape, so trigger rules and playbooks
 * see one shape whatever the source. The Defender id is `providerAlertId` (Graph's own `id` is the
 * same for Defender for Endpoint alerts); the machine comes from the device evidence.
 */
export function normalizeGraphAlert(graph: Obj): Obj {
  const evidence = Array.isArray(graph.evidence) ? graph.evidence.filter(isObj) : [];
  const device = evidence.find((e) => str(e['@odata.type'])?.endsWith('deviceEvidence'));
  const severity = str(graph.severity);
  const status = str(graph.status);
  const detectionSource = str(graph.detectionSource);
  const out: Obj = {
    id: str(graph.providerAlertId) ?? str(graph.id) ?? '',
    incidentId: Number.isFinite(Number(graph.incidentId)) ? Number(graph.incidentId) : null,
    title: str(graph.title) ?? null,
    description: str(graph.description) ?? null,
    severity: severity ? (SEVERITY[severity] ?? pascal(severity)) : null,
    status: status ? (STATUS[status] ?? pascal(status)) : null,
    category: str(graph.category) ? pascal(str(graph.category)!) : null,
    detectionSource: detectionSource ? (DETECTION_SOURCE[detectionSource] ?? pascal(detectionSource)) : null,
    assignedTo: str(graph.assignedTo) ?? null,
    alertCreationTime: str(graph.createdDateTime) ?? null,
    firstEventTime: str(graph.firstActivityDateTime) ?? null,
    lastEventTime: str(graph.lastActivityDateTime) ?? null,
    lastUpdateTime: str(graph.lastUpdateDateTime) ?? null,
    resolvedTime: str(graph.resolvedDateTime) ?? null,
    machineId: device ? (str(device.mdeDeviceId) ?? null) : null,
    computerDnsName: device ? (str(device.deviceDnsName) ?? null) : null,
    evidence: evidence.map((e) => {
      const kind = (str(e['@odata.type']) ?? '').split('.').pop() ?? '';
      return { entityType: EVIDENCE_TYPE[kind] ?? pascal(kind.replace(/Evidence$/, '')), ...e };
    }),
    graphAlertId: str(graph.id) ?? null,
  };
  return out;
}
