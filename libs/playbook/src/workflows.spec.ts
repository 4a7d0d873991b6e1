import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { actionCatalog } from '@soar/defender';
import { parsePlaybook } from './parse-playbook';

/** The built-in playbooks in workflows/ must always be valid against the current catalog. */
const dir = path.resolve(__dirname, '../../../workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));

describe('workflows/*.yaml', () => {
  it.each(files.length > 0 ? files : ['(none)'])('%s is a valid playbook', (file) => {
    if (file === '(none)') return;
    const result = parsePlaybook(readFileSync(path.join(dir, file), 'utf8'), { catalog: actionCatalog });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
