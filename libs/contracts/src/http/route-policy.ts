import type { Role } from './access';
import type { HttpRouteId } from './routes';

/**
 * Who may call a route. `admin` may always (it is never listed); `roles` lists the others.
 * `audit: false` marks a POST that changes nothing (validation), left out of the audit log.
 * `intake: true` also admits signed alert deliveries and intake-only keys (source `intake`).
 */
export type RouteAccess = { public: true } | { roles: readonly Role[]; audit?: false; intake?: true };

/** Every role but admin (admin is implied everywhere): what any signed-in identity may read. */
const ANY: readonly Role[] = ['author', 'analyst', 'approver', 'viewer'];
/** Admin only: keys, the audit log, and the state of connection credentials. */
const ADMIN: readonly Role[] = [];

/**
 * THE policy table: every route of HTTP_ROUTES (typed, so a new route without an entry does not
 * compile) plus the Express-mounted queue dashboard. Reads are open to every role except the
 * admin-only ones; writes follow issue 11: author (playbooks, triggers), analyst (runs),
 * approver (decisions), admin (connections, keys, everything). The RolesGuard enforces it, the audit
 * log records every write it admits or refuses, and apps/api/e2e/access-matrix.e2e-spec.ts checks
 * every route × role against the served API.
 */
export const ROUTE_POLICY: Record<HttpRouteId, RouteAccess> = {
  savePlaybook: { roles: ['author'] },
  validatePlaybook: { roles: ANY, audit: false },
  listPlaybooks: { roles: ANY },
  getPlaybook: { roles: ANY },
  listPlaybookVersions: { roles: ANY },
  getPlaybookVersion: { roles: ANY },
  enablePlaybook: { roles: ['author'] },
  disablePlaybook: { roles: ['author'] },
  startRun: { roles: ['analyst'] },
  listRuns: { roles: ANY },
  getRun: { roles: ANY },
  streamRunEvents: { roles: ANY },
  cancelRun: { roles: ['analyst'] },
  rerunRun: { roles: ['analyst'] },
  listApprovals: { roles: ANY },
  decideApproval: { roles: ['approver'] },
  listConnections: { roles: ANY },
  saveConnection: { roles: ADMIN },
  deleteConnection: { roles: ADMIN },
  checkConnection: { roles: ADMIN },
  listActions: { roles: ANY },
  getPlaybookSchema: { roles: ANY },
  health: { public: true },
  openApiDocument: { public: true },
  apiReference: { public: true },
  // Not audited: every delivered alert version is stored by the intake with its source, and an audit
  // row per delivery doubled the database writes at alert volume (bench row 10 exhausted the pool).
  receiveAlerts: { roles: ['analyst'], intake: true, audit: false },
  intakeStatus: { roles: ANY },
  pauseTriggers: { roles: ['author'] },
  resumeTriggers: { roles: ['author'] },
  liveness: { public: true },
  readiness: { public: true },
  metrics: { public: true },
  connectionStates: { roles: ADMIN },
  createApiKey: { roles: ADMIN },
  listApiKeys: { roles: ADMIN },
  revokeApiKey: { roles: ADMIN },
  listAudit: { roles: ADMIN },
  getMe: { roles: ANY, audit: false },
  getAuthConfig: { public: true },
};

/** The BullMQ dashboard (plain Express, not in the contract): admin only, every method. */
export const QUEUE_DASHBOARD_ACCESS: RouteAccess = { roles: ADMIN };

/** Whether a principal with `roles` may call a route of `access` (admin always may). */
export function mayCall(access: RouteAccess, roles: readonly string[]): boolean {
  if ('public' in access) return true;
  return roles.includes('admin') || access.roles.some((role) => roles.includes(role));
}

/** `admin or analyst`, for the 403 that names who may. */
export const describeAccess = (access: RouteAccess): string => ('public' in access ? 'anyone' : ['admin', ...access.roles].join(' or '));
