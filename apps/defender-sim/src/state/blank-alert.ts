import type { Alert, Machine } from './entities';

/** An alert with no entities, for alerts raised from a bare description (CreateAlertByReference). */
export function blankAlert(machine: Machine, tenantId: string): Alert {
  return {
    id: '', incidentId: null, investigationId: null, assignedTo: null, severity: 'Informational', status: 'New', classification: null,
    determination: null, investigationState: 'Queued', detectionSource: 'CustomDetection', detectorId: '00000000-0000-0000-0000-000000000000',
    category: 'General', threatFamilyName: null, title: '', description: '', alertCreationTime: '', firstEventTime: '', lastEventTime: '',
    lastUpdateTime: '', resolvedTime: null, machineId: machine.id, computerDnsName: machine.computerDnsName, rbacGroupName: machine.rbacGroupName,
    aadTenantId: tenantId, threatName: null, mitreTechniques: [], relatedUser: null, loggedOnUsers: [], comments: [], evidence: [], domains: [],
  };
}
