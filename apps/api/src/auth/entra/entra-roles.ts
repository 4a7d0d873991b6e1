import type { GroupRoles } from './entra.config';

/**
 * A user's roles: the app roles assigned to them in Entra (the `roles` claim) plus the roles
 * ENTRA_GROUP_ROLES gives their groups (the `groups` claim), without duplicates, sorted.
 */
export function rolesOf(tokenRoles: readonly string[], groups: readonly string[], groupRoles: GroupRoles): string[] {
  const roles = new Set(tokenRoles);
  for (const group of groups) for (const role of groupRoles.get(group.toLowerCase()) ?? []) roles.add(role);
  return [...roles].sort();
}
