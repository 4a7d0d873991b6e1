import type { FilterFields } from '../odata/filter-evaluator';
import type { Alert } from '../state/entities';
import { odataError } from '../http/api-error';

/** `$filter` properties documented for GET /api/alerts (REFERENCE §3.4). */
export const ALERT_FILTER_FIELDS: FilterFields<Alert> = {
  alertCreationTime: { kind: 'datetime', get: (a) => a.alertCreationTime },
  lastUpdateTime: { kind: 'datetime', get: (a) => a.lastUpdateTime },
  lastEventTime: { kind: 'datetime', get: (a) => a.lastEventTime },
  incidentId: { kind: 'number', get: (a) => a.incidentId },
  investigationId: { kind: 'number', get: (a) => a.investigationId },
  id: { kind: 'string', get: (a) => a.id },
  assignedTo: { kind: 'string', get: (a) => a.assignedTo },
  detectionSource: { kind: 'string', get: (a) => a.detectionSource },
  status: { kind: 'string', get: (a) => a.status },
  severity: { kind: 'string', get: (a) => a.severity },
  category: { kind: 'string', get: (a) => a.category },
};

/** Lists carry `evidence: []` unless `$expand=evidence` (inferred from the doc samples, REFERENCE §3.1). */
export function alertRenderer(query: URLSearchParams): (alert: Alert) => Alert {
  const expand = query.get('$expand');
  if (expand !== null && expand.trim().toLowerCase() !== 'evidence') throw odataError(`Expanding '${expand}' is not supported; only 'evidence' can be expanded on alerts.`);
  return expand !== null ? (a) => a : (a) => ({ ...a, evidence: [] });
}
