import type { ApiRoute } from '../api/api-route';
import { ApiError } from '../http/api-error';
import type { DefenderRbacPermission } from '../identity/sim-users';
import type { SimContext } from '../sim-context';
import type { Principal } from './bearer-auth';
import { ROLES } from './roles';

/**
 * The Defender RBAC permission a delegated call needs besides its `scp` permission (REFERENCE §1.3:
 * View Data for reads, Alerts investigation for alert writes and package collection, Active
 * remediation actions for isolate/scan/restrict/quarantine/offboard, Live response for live
 * response, Manage security settings for tags and indicators).
 */
export function rbacPermissionFor(route: Pick<ApiRoute, 'method' | 'roles'>): DefenderRbacPermission {
  if (route.method === 'GET') return 'ViewData';
  const roles = new Set<string>(route.roles);
  const has = (...r: string[]) => r.some((x) => roles.has(x));
  if (has(ROLES.isolate, ROLES.scan, ROLES.restrictExecution, ROLES.stopAndQuarantine, ROLES.offboard)) return 'ActiveRemediationActions';
  if (has(ROLES.liveResponse)) return 'LiveResponseBasic';
  if (has(ROLES.collectForensics, ROLES.alertReadWrite)) return 'AlertsInvestigation';
  if (has(ROLES.machineReadWrite, ROLES.tiReadWrite, ROLES.tiReadWriteAll)) return 'ManageSecuritySettings';
  return 'ViewData';
}

const PERMISSION_LABEL: Record<DefenderRbacPermission, string> = {
  ViewData: 'View data',
  AlertsInvestigation: 'Alerts investigation',
  ActiveRemediationActions: 'Active remediation actions',
  LiveResponseBasic: 'Basic live response',
  LiveResponseAdvanced: 'Advanced live response',
  ManageSecuritySettings: 'Manage security settings',
};

/** Whether a delegated principal sees devices of `rbacGroupName` (app principals see every group). */
export function visibleTo(principal: Principal, rbacGroupName: string | null | undefined): boolean {
  const groups = principal.delegated?.user.deviceGroups;
  if (!groups || groups.includes('*')) return true;
  return rbacGroupName !== null && rbacGroupName !== undefined && groups.includes(rbacGroupName);
}

/**
 * A delegated call also needs the user's Defender role permission and, for a call on one machine
 * or alert, its device group among the user's: writes answer 403, reads of an unseen device 404
 * (to the user it does not exist), as Defender filters results to visible devices.
 */
export function requireDelegatedAccess(sim: SimContext, principal: Principal, route: ApiRoute, params: Record<string, string>): void {
  const delegated = principal.delegated;
  if (!delegated) return;
  const needed = rbacPermissionFor(route);
  if (!delegated.user.defenderPermissions.includes(needed)) {
    throw new ApiError(403, 'Forbidden', `The user ${delegated.user.username} does not have the Defender role permission '${PERMISSION_LABEL[needed]}' required for this action.`);
  }
  const id = params.id;
  if (!id) return;
  let group: string | null | undefined;
  if (route.name.startsWith('machines.')) group = sim.store.findMachine(id)?.rbacGroupName;
  else if (route.name.startsWith('alerts.')) group = sim.store.alerts.get(id)?.rbacGroupName;
  else return;
  if (group === undefined || visibleTo(principal, group)) return;
  if (route.method === 'GET') throw new ApiError(404, 'NotFound', `${route.name.startsWith('machines.') ? 'Machine' : 'Alert'} ${id} was not found`);
  throw new ApiError(403, 'Forbidden', `The user ${delegated.user.username} has no access to the device group '${group}' of this machine.`);
}
