/** An approvers entry naming a role rather than one identity: `role:admin`, `role:approver`. */
export const ROLE_APPROVER_PREFIX = 'role:';
/** An approvers entry naming a group (an Entra group id from the principal's token): `group:<id>`. */
export const GROUP_APPROVER_PREFIX = 'group:';

/**
 * Whether an identity may decide an approval: its name is one of the approvers, it holds a role an
 * entry names as `role:<name>` (roles come from the API key or the Entra token; local mode's
 * `local-admin` has `admin`), or it is in a group an entry names as `group:<id>`.
 */
export function isApprover(approvers: readonly string[], actor: string, roles: readonly string[], groups: readonly string[] = []): boolean {
  return approvers.some(
    (entry) =>
      entry === actor ||
      (entry.startsWith(ROLE_APPROVER_PREFIX) && roles.includes(entry.slice(ROLE_APPROVER_PREFIX.length))) ||
      (entry.startsWith(GROUP_APPROVER_PREFIX) && groups.includes(entry.slice(GROUP_APPROVER_PREFIX.length))),
  );
}

/** `alice, anyone with the role admin`, for a 403 that says who may decide. */
export function describeApprovers(approvers: readonly string[]): string {
  if (approvers.length === 0) return 'only an admin';
  return approvers
    .map((entry) =>
      entry.startsWith(ROLE_APPROVER_PREFIX)
        ? `anyone with the role ${entry.slice(ROLE_APPROVER_PREFIX.length)}`
        : entry.startsWith(GROUP_APPROVER_PREFIX)
          ? `anyone in the group ${entry.slice(GROUP_APPROVER_PREFIX.length)}`
          : entry,
    )
    .join(', ');
}
