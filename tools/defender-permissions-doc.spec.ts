import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderPermissionsDoc } from './defender-permissions-doc';

describe('docs/defender-permissions.md', () => {
  it('matches the action catalog (regenerate: node -r ./tools/register.js tools/defender-permissions-doc.ts)', () => {
    expect(readFileSync(path.resolve(__dirname, '../docs/defender-permissions.md'), 'utf8')).toBe(renderPermissionsDoc());
  });
  it('names a permission for every Defender action', () => {
    const rows = renderPermissionsDoc().split('\n').filter((l) => l.startsWith('| `defender.'));
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) expect(row.split('|')[3]!.trim()).not.toBe('');
  });
});
