/**
 * A Defender permission requirement: any one application permission (WindowsDefenderATP app role,
 * token `roles`) allows the call for an app-only token, any one delegated permission (token `scp`)
 * for a user's token (the user needs a matching Defender RBAC role as well).
 */
export interface DefenderPermission {
  readonly app: readonly string[];
  readonly delegated: readonly string[];
}

/**
 * Permissions per API area, REFERENCE.md §1.4: the one place their names are written. Action units
 * pick from here (or state their own, e.g. the package link's delegated `Machine.CollectForensics`),
 * and the client's shared reads name the same entries in their 403 messages.
 */
export const DEFENDER_PERMISSIONS = {
  alertRead: { app: ['Alert.Read.All', 'Alert.ReadWrite.All'], delegated: ['Alert.Read', 'Alert.ReadWrite'] },
  alertWrite: { app: ['Alert.ReadWrite.All'], delegated: ['Alert.ReadWrite'] },
  machineRead: { app: ['Machine.Read.All', 'Machine.ReadWrite.All'], delegated: ['Machine.Read', 'Machine.ReadWrite'] },
  machineWrite: { app: ['Machine.ReadWrite.All'], delegated: ['Machine.ReadWrite'] },
  isolate: { app: ['Machine.Isolate'], delegated: ['Machine.Isolate'] },
  scan: { app: ['Machine.Scan'], delegated: ['Machine.Scan'] },
  restrict: { app: ['Machine.RestrictExecution'], delegated: ['Machine.RestrictExecution'] },
  collectForensics: { app: ['Machine.CollectForensics'], delegated: ['Machine.CollectForensics'] },
  stopAndQuarantine: { app: ['Machine.StopAndQuarantine'], delegated: ['Machine.StopAndQuarantine'] },
  liveResponse: { app: ['Machine.LiveResponse'], delegated: ['Machine.LiveResponse'] },
  /** Cancel: any of the action permissions. */
  cancel: {
    app: ['Machine.Isolate', 'Machine.Scan', 'Machine.RestrictExecution', 'Machine.CollectForensics', 'Machine.StopAndQuarantine', 'Machine.LiveResponse', 'Machine.Offboard'],
    delegated: ['Machine.Isolate', 'Machine.Scan', 'Machine.RestrictExecution', 'Machine.CollectForensics', 'Machine.StopAndQuarantine', 'Machine.LiveResponse', 'Machine.Offboard'],
  },
  /** `Ti.ReadWrite` reaches the app's own indicators only, `Ti.ReadWrite.All` every indicator. */
  ti: { app: ['Ti.ReadWrite', 'Ti.ReadWrite.All'], delegated: ['Ti.ReadWrite'] },
  fileRead: { app: ['File.Read.All'], delegated: ['File.Read.All'] },
  ipRead: { app: ['Ip.Read.All'], delegated: ['Ip.Read.All'] },
  urlRead: { app: ['URL.Read.All'], delegated: ['URL.Read.All'] },
  userRead: { app: ['User.Read.All'], delegated: ['User.Read.All'] },
  hunting: { app: ['AdvancedQuery.Read.All'], delegated: ['AdvancedQuery.Read'] },
  vulnerabilityRead: { app: ['Vulnerability.Read.All'], delegated: ['Vulnerability.Read'] },
  softwareRead: { app: ['Software.Read.All'], delegated: ['Software.Read'] },
} as const satisfies Record<string, DefenderPermission>;
