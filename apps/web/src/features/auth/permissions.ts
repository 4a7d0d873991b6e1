import type { Me } from '../../api/types';

/** What the console offers; the API decides (403) whatever the console shows. */
export interface Permissions {
  /** Start, cancel and re-run runs. */
  runPlaybooks: boolean;
  /** Approve or reject. */
  decideApprovals: boolean;
  /** Save, enable and disable playbooks. */
  editPlaybooks: boolean;
}

const EVERYTHING: Permissions = { runPlaybooks: true, decideApprovals: true, editPlaybooks: true };

/**
 * The roles of issue 11: `admin` may do everything, `analyst` run playbooks, `approver` decide,
 * `author` edit, `viewer` only read. Unknown (`me` could not be read) offers everything and lets
 * the API answer. An API key without roles is offered everything too, as the API treats it until
 * roles are required of keys.
 */
export function permissionsOf(me: Me | null): Permissions {
  if (!me || (me.source === 'api-key' && me.roles.length === 0)) return EVERYTHING;
  const has = (...roles: string[]) => roles.some((r) => me.roles.includes(r));
  return { runPlaybooks: has('admin', 'analyst'), decideApprovals: has('admin', 'approver'), editPlaybooks: has('admin', 'author') };
}
