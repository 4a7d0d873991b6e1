import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ActionDefinition } from '@soar/contracts';
import { ACTION_DEFINITIONS } from '@soar/defender';

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
    'The `result` column lists what a step of the action reports in `output.result` (every step has',
    'one; `done` when the action does not say more). Machine actions: `done` sent by this step and',
    'Succeeded; `already` the state held, nothing sent; `adopted` an identical pending action (same',
    'type, machine and parameters) of someone else was followed to Succeeded; `conflict` another',
    'pending action blocks it (its id, type and requestor are reported), nothing sent again; `failed`,',
    '`timed_out` (Defender TimeOut, or the step\'s `wait.max_seconds`; our own action is then',
    'cancelled in Defender), `cancelled`. These four fail the step unless `on_unsuccessful: report`.',
    '',
    '| Action | What it does | Application permission (any one) | and also (any one) | `result` |',
    '| --- | --- | --- | --- | --- |',
    ...defender.map(
      (a) => `| \`${a.name}\` | ${a.title} | ${list(a.permissions)} | ${a.alsoNeeds ? list(a.alsoNeeds) : ''} | ${resultValues(a)} |`,
    ),
    '',
    '## Every permission the catalog uses',
    '',
    ...roles.map((r) => `- \`${r}\`: ${defender.filter((a) => a.permissions.includes(r) || a.alsoNeeds?.includes(r)).length} action(s)`),
    '',
  ];
  return lines.join('\n');
}

/** The `result` values an action's output declares, or `done` (the engine's default). */
function resultValues(action: ActionDefinition): string {
  const schema = z.toJSONSchema(action.output, { io: 'output', unrepresentable: 'any' }) as { properties?: { result?: { enum?: string[] } } };
  return (schema.properties?.result?.enum ?? ['done']).map((r) => `\`${r}\``).join(', ');
}

if (require.main === module) {
  writeFileSync(path.resolve(__dirname, '../docs/defender-permissions.md'), renderPermissionsDoc());
  console.log('wrote docs/defender-permissions.md');
}
