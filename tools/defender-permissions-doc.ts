import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ACTION_DEFINITIONS } from '@soar/contracts';

/**
 * docs/defender-permissions.md, generated from the action catalog so the permissions an admin
 * grants in Entra ID always match what the actions need. `tools/defender-permissions-doc.spec.ts`
 * fails when the committed copy is stale; regenerate with
 * `node -r ./tools/register.js tools/defender-permissions-doc.ts`.
 */
export function renderPermissionsDoc(): string {
  const defender = ACTION_DEFINITIONS.filter((a) => a.name.startsWith('defender.'));
  const roles = [...new Set(defender.flatMap((a) => [...a.permissions, ...(a.alsoNeeds ?? [])]))].sort();
  const list = (perms: string[]) => perms.map((p) => `\`${p}\``).join(', ');
  const lines = [
    '# Defender permissions by action',
    '',
    'Generated from the action catalog (`GET /api/actions` serves the same data). Grant these as',
    '*Application permissions* of the **WindowsDefenderATP** API to the Entra application, then grant',
    'admin consent. Any one permission listed for an action suffices. `GET /api/connections/{name}/check`',
    'reports which actions a connection may run.',
    '',
    '| Action | What it does | Application permission (any one) | and also (any one) |',
    '| --- | --- | --- | --- |',
    ...defender.map((a) => `| \`${a.name}\` | ${a.title} | ${list(a.permissions)} | ${a.alsoNeeds ? list(a.alsoNeeds) : ''} |`),
    '',
    '## Every permission the catalog uses',
    '',
    ...roles.map((r) => `- \`${r}\`: ${defender.filter((a) => a.permissions.includes(r) || a.alsoNeeds?.includes(r)).length} action(s)`),
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  writeFileSync(path.resolve(__dirname, '../docs/defender-permissions.md'), renderPermissionsDoc());
  console.log('wrote docs/defender-permissions.md');
}
