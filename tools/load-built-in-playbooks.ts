import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { actionCatalog } from '@soar/defender';
import { parsePlaybook } from '@soar/playbook';
import { IntakeAlertRepository, PlaybookRepository, type Db } from '@soar/persistence';

export const workflowsDir = path.resolve(__dirname, '..', 'workflows');

/**
 * Validates and saves every workflows/*.yaml; an unchanged file is a no-op (same version). A new
 * built-in starts with its triggers paused.
 */
export async function loadBuiltInPlaybooks(db: Db): Promise<{ name: string; version: number; created: boolean }[]> {
  const repository = new PlaybookRepository(db);
  const files = (await readdir(workflowsDir)).filter((f) => f.endsWith('.yaml')).sort();
  const loaded = [];
  for (const file of files) {
    const source = await readFile(path.join(workflowsDir, file), 'utf8');
    const parsed = parsePlaybook(source, { catalog: actionCatalog });
    if (!parsed.ok) {
      const list = parsed.problems.map((p) => `  ${file}:${p.line ?? '?'}:${p.column ?? '?'} ${p.path}: ${p.message}`).join('\n');
      throw new Error(`built-in playbook ${file} is invalid:\n${list}`);
    }
    const { record, created } = await repository.save(parsed.playbook.name, source, parsed.playbook, 'built-in');
    // Built-ins ship with their alert and schedule triggers paused: an admin resumes the ones wanted.
    if (created && record.version === 1) await new IntakeAlertRepository(db).setTriggersPaused(record.name, true);
    loaded.push({ name: record.name, version: record.version, created });
  }
  return loaded;
}
