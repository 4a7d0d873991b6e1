import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CliError } from './cli-error';
import { findPlaybookFiles } from './find-playbook-files';

describe('findPlaybookFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'soar-find-'));
    for (const file of ['b.yaml', 'a.yml', 'notes.md', 'sub/c.YAML', '.hidden/d.yaml', 'node_modules/e.yaml', 'sub/deeper/f.yaml']) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), 'name: x\n');
    }
    symlinkSync(path.join(dir, 'missing.yaml'), path.join(dir, 'dangling.yaml'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds *.yaml and *.yml below directories, sorted, skipping dot-dirs, node_modules and dangling links', () => {
    expect(findPlaybookFiles([dir])).toEqual(['a.yml', 'b.yaml', 'sub/c.YAML', 'sub/deeper/f.yaml'].map((f) => path.join(dir, f)));
  });

  it('keeps files as given, whatever their extension, once each', () => {
    const notes = path.join(dir, 'notes.md');
    expect(findPlaybookFiles([notes, path.join(dir, 'sub'), path.join(dir, 'sub', 'c.YAML'), notes])).toEqual([
      notes,
      path.join(dir, 'sub', 'c.YAML'),
      path.join(dir, 'sub', 'deeper', 'f.yaml'),
    ]);
  });

  it('refuses a path that does not exist', () => {
    expect(() => findPlaybookFiles([path.join(dir, 'nope.yaml')])).toThrow(CliError);
    expect(() => findPlaybookFiles([path.join(dir, 'nope.yaml')])).toThrow(`${path.join(dir, 'nope.yaml')}: no such file or directory`);
  });
});
