/** An approvers entry naming a role rather than one identity: `role:admin`, `role:soc-lead`. */
export const ROLE_APPROVER_PREFIX = 'role:';

/**
 * Whether an identity may decide an approval: its name is one of the approvers, or it holds a
 * role an approvers entry names as `role:<name>` (roles come from the API key's entry, e.g.
 * `API_KEYS=alice:admin=<key>`; local mode's `local-admin` has `admin`).
 */
export function isApprover(approvers: readonly string[], actor: string, roles: readonly string[]): boolean {
  return approvers.some((entry) => entry === actor || (entry.startsWith(ROLE_APPROVER_PREFIX) && roles.includes(entry.slice(ROLE_APPROVER_PREFIX.length))));
}

/** `alice, anyone with the role admin`, for a 403 that says who may decide. */
export function describeApprovers(approvers: readonly string[]): string {
  if (approvers.length === 0) return 'only an admin';
  return approvers.map((entry) => (entry.startsWith(ROLE_APPROVER_PREFIX) ? `anyone with the role ${entry.slice(ROLE_APPROVER_PREFIX.length)}` : entry)).join(', ');
}
