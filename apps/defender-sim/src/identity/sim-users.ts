/**
 * The simulated tenant's people. One list serves two Microsoft services the simulator stands in for:
 * - Entra ID: a user signs in (the sign-in page, or the password grant in tests) and gets a token for
 *   the SOAR API whose `roles` claim carries `appRoles` (and `groups` its group ids);
 * - Defender: a delegated (On-Behalf-Of) call made for the user is allowed only when the user's
 *   Defender RBAC holds the permission the call needs and the machine is in one of the user's
 *   device groups (`deviceGroups`, by `rbacGroupName`; `'*'` = every group), as Defender does.
 * Passwords are test fixtures of a simulator, never real credentials.
 */
export type SoarRole = 'admin' | 'author' | 'analyst' | 'approver' | 'viewer';

/** Defender RBAC capabilities (portal role permissions) that gate delegated calls. */
export type DefenderRbacPermission =
  | 'ViewData'
  | 'AlertsInvestigation'
  | 'ActiveRemediationActions'
  | 'LiveResponseBasic'
  | 'LiveResponseAdvanced'
  | 'ManageSecuritySettings';

export interface SimUser {
  /** UPN, used to sign in. */
  username: string;
  password: string;
  /** Entra object id (the `oid` claim). */
  oid: string;
  displayName: string;
  appRoles: SoarRole[];
  /** Entra group object ids (the `groups` claim). */
  groups: string[];
  defenderPermissions: DefenderRbacPermission[];
  /** Defender device groups (rbacGroupName) the user may see and act on; '*' = all. */
  deviceGroups: string[];
}

const ALL_DEFENDER: DefenderRbacPermission[] = [
  'ViewData', 'AlertsInvestigation', 'ActiveRemediationActions', 'LiveResponseBasic', 'LiveResponseAdvanced', 'ManageSecuritySettings',
];

export const SIM_GROUPS = Object.freeze({
  socTier2: '6a1f3c1e-2b7d-4c1a-9f5e-000000000002',
});

export const SIM_USERS: readonly SimUser[] = Object.freeze([
  { username: 'alice@contoso.test', password: 'alice-pass', oid: '00000000-0000-4000-a000-00000000a11c', displayName: 'Alice Admin',
    appRoles: ['admin'], groups: [], defenderPermissions: ALL_DEFENDER, deviceGroups: ['*'] },
  { username: 'bob@contoso.test', password: 'bob-pass', oid: '00000000-0000-4000-a000-000000000b0b', displayName: 'Bob Author',
    appRoles: ['author'], groups: [], defenderPermissions: ['ViewData'], deviceGroups: ['*'] },
  // An analyst whose Defender role may isolate machines (Active remediation actions) everywhere.
  { username: 'ana@contoso.test', password: 'ana-pass', oid: '00000000-0000-4000-a000-000000000a0a', displayName: 'Ana Analyst',
    appRoles: ['analyst'], groups: [SIM_GROUPS.socTier2], defenderPermissions: ['ViewData', 'AlertsInvestigation', 'ActiveRemediationActions'], deviceGroups: ['*'] },
  // An analyst whose Defender role may investigate alerts but not take remediation actions.
  { username: 'andy@contoso.test', password: 'andy-pass', oid: '00000000-0000-4000-a000-000000000a0d', displayName: 'Andy Analyst',
    appRoles: ['analyst'], groups: [], defenderPermissions: ['ViewData', 'AlertsInvestigation'], deviceGroups: ['*'] },
  // An analyst who may isolate, but only machines of the Finance Workstations device group.
  { username: 'fay@contoso.test', password: 'fay-pass', oid: '00000000-0000-4000-a000-00000000000f', displayName: 'Fay Finance Analyst',
    appRoles: ['analyst'], groups: [], defenderPermissions: ['ViewData', 'AlertsInvestigation', 'ActiveRemediationActions'], deviceGroups: ['Finance Workstations'] },
  { username: 'april@contoso.test', password: 'april-pass', oid: '00000000-0000-4000-a000-000000000a9e', displayName: 'April Approver',
    appRoles: ['approver'], groups: [SIM_GROUPS.socTier2], defenderPermissions: ['ViewData', 'AlertsInvestigation', 'ActiveRemediationActions'], deviceGroups: ['*'] },
  { username: 'vic@contoso.test', password: 'vic-pass', oid: '00000000-0000-4000-a000-000000000f1c', displayName: 'Vic Viewer',
    appRoles: ['viewer'], groups: [], defenderPermissions: ['ViewData'], deviceGroups: ['*'] },
] satisfies SimUser[]);

export const findSimUser = (username: string): SimUser | undefined =>
  SIM_USERS.find((u) => u.username.toLowerCase() === username.toLowerCase());

export const findSimUserByOid = (oid: string): SimUser | undefined => SIM_USERS.find((u) => u.oid === oid);
