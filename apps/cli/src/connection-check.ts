import type { ConnectionCheckDto } from '@soar/contracts';

/** `GET /api/connections/{name}/check` as the contract describes it. */
export type ConnectionCheck = ConnectionCheckDto;

/** The check as lines for a terminal: verdict and why, roles, playbooks, then refused actions. */
export function describeConnectionCheck(check: ConnectionCheck): string[] {
  const lines = [`connection ${check.connection}: ${check.ok ? 'OK' : 'NOT OK'} — ${check.reason}`];
  if (!check.tokenAcquired) return lines;
  lines.push(`permissions granted: ${check.roles.length > 0 ? check.roles.join(', ') : '(none)'}`);
  if (check.playbooks.length > 0) {
    lines.push('playbooks on this connection:');
    for (const p of check.playbooks) {
      const state = `${p.playbook} v${p.version}${p.enabled ? '' : ' (disabled)'}`;
      if (p.runnable) lines.push(`  ok       ${state}`);
      else {
        lines.push(`  refused  ${state}:`);
        for (const m of p.missing) lines.push(`           step ${m.step} (${m.action}) needs ${m.missing.join(' and ')}`);
      }
    }
  }
  const denied = check.actions.filter((a) => !a.granted);
  if (denied.length > 0) {
    lines.push(`actions not permitted (${denied.length} of ${check.actions.length}):`);
    for (const a of denied) lines.push(`  ${a.action}: needs ${a.missing.join(' and ')}`);
  }
  return lines;
}
