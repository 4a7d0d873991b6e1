/** WindowsDefenderATP application permissions (REFERENCE §1.4). */
export const ROLES = {
  alertRead: 'Alert.Read.All',
  alertReadWrite: 'Alert.ReadWrite.All',
  machineRead: 'Machine.Read.All',
  machineReadWrite: 'Machine.ReadWrite.All',
  isolate: 'Machine.Isolate',
  scan: 'Machine.Scan',
  restrictExecution: 'Machine.RestrictExecution',
  collectForensics: 'Machine.CollectForensics',
  stopAndQuarantine: 'Machine.StopAndQuarantine',
  offboard: 'Machine.Offboard',
  liveResponse: 'Machine.LiveResponse',
  tiReadWrite: 'Ti.ReadWrite',
  tiReadWriteAll: 'Ti.ReadWrite.All',
  fileRead: 'File.Read.All',
  ipRead: 'Ip.Read.All',
  urlRead: 'URL.Read.All',
  userRead: 'User.Read.All',
  advancedQuery: 'AdvancedQuery.Read.All',
  vulnerabilityRead: 'Vulnerability.Read.All',
  softwareRead: 'Software.Read.All',
  incidentRead: 'Incident.Read.All',
  incidentReadWrite: 'Incident.ReadWrite.All',
  advancedHunting: 'AdvancedHunting.Read.All',
  // Microsoft Graph application permissions.
  securityAlertRead: 'SecurityAlert.Read.All',
  securityAlertReadWrite: 'SecurityAlert.ReadWrite.All',
  threatHunting: 'ThreatHunting.Read.All',
} as const;

export const ALL_ROLES: readonly string[] = Object.values(ROLES);

/** Any-of role sets, in the order the 403 message lists them. */
export const ANY = {
  alertRead: [ROLES.alertRead, ROLES.alertReadWrite],
  alertWrite: [ROLES.alertReadWrite],
  machineRead: [ROLES.machineRead, ROLES.machineReadWrite],
  machineWrite: [ROLES.machineReadWrite],
  ti: [ROLES.tiReadWrite, ROLES.tiReadWriteAll],
  // Some docs spell it Url.Read.All; accept both.
  url: [ROLES.urlRead, 'Url.Read.All'],
  cancel: [ROLES.isolate, ROLES.scan, ROLES.restrictExecution, ROLES.collectForensics, ROLES.stopAndQuarantine, ROLES.offboard, ROLES.liveResponse],
} as const;

/**
 * The delegated permission matching an application permission (REFERENCE §1.4): the same name
 * without `.All` (Machine.Read.All → Machine.Read), except the few reads whose delegated name
 * keeps it (File/Ip/URL/User.Read.All); the machine-action permissions are named alike.
 */
export function delegatedScopeOf(applicationRole: string): string {
  if (/^(File|Ip|URL|Url|User)\.Read\.All$/.test(applicationRole)) return applicationRole;
  return applicationRole.replace(/\.All$/, '');
}

/** Every delegated permission of the WindowsDefenderATP API (and Graph security), de-duplicated. */
export const DELEGATED_SCOPES: readonly string[] = [...new Set(ALL_ROLES.map(delegatedScopeOf))];
