import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runSoarSync } from './testing/run-soar';

// `soar lint` as a user runs it: a separate node process through bin/soar.js, on files in a
// temporary directory (the working directory, so printed paths are relative like an editor wants).

const BROKEN = `name: broken-playbook
title: Broken
steps:
  - id: get_alert
    action: defender.alert.fetch
    with:
      alert_id: \${{ inputs.alert_id }}
  - id: isolate
    action: defender.machine.isolate
    needs: [get_alrt]
    with:
      machine_id: 1e2d3c4b5a69788796a5b4c3d2e1f00112233445
      comment: Contained
      isolation_type: Partial
`;

const WARNS = `name: warns
title: Reads the alert without an alert trigger
steps:
  - id: get_alert
    action: defender.alert.get
    with:
      alert_id: \${{ alert.id }}
`;

const BAD_YAML = `name: bad-yaml
title: [unclosed
steps: []
`;

describe('soar lint (child process)', () => {
  let dir: string;
  const soar = (...args: string[]) => runSoarSync(args, { cwd: dir });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'soar-lint-'));
    mkdirSync(path.join(dir, 'good'));
    copyFileSync(path.join(repoRoot, 'workflows/isolate-alert-machine.yaml'), path.join(dir, 'good/isolate-alert-machine.yaml'));
    mkdirSync(path.join(dir, 'bad'));
    writeFileSync(path.join(dir, 'bad/broken.yaml'), BROKEN);
    writeFileSync(path.join(dir, 'bad/bad-yaml.yml'), BAD_YAML);
    writeFileSync(path.join(dir, 'bad/README.md'), '# not a playbook\n');
    writeFileSync(path.join(dir, 'warns.yaml'), WARNS);
    mkdirSync(path.join(dir, 'empty'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the built-in isolation playbook', () => {
    const res = soar('lint', 'good/isolate-alert-machine.yaml');
    expect(res.stdout).toBe('1 file checked: no problems\n');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });

  it('prints every problem as file:line:column: message [code] and exits 1', () => {
    const res = soar('lint', 'bad/broken.yaml', 'good');
    expect(res.stdout.split('\n')).toEqual([
      'bad/broken.yaml:5:13: unknown action `defender.alert.fetch`; did you mean `defender.alert.get`? [unknown_action]',
      'bad/broken.yaml:7:21: there is no input `alert_id` [unknown_input]',
      'bad/broken.yaml:10:13: there is no step `get_alrt`; did you mean `get_alert`? [unknown_step]',
      'bad/broken.yaml:14:23: must be one of: Full, Selective (parameter of defender.machine.isolate) [invalid_param]',
      '2 files checked: 4 errors, 0 warnings',
      '',
    ]);
    expect(res.code).toBe(1);
  });

  it('searches directories for *.yaml and *.yml, in order', () => {
    const res = soar('lint', 'bad');
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toBe('bad/bad-yaml.yml:3:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] [yaml_syntax]');
    expect(lines.slice(1, -1).every((l) => l.startsWith('bad/broken.yaml:'))).toBe(true);
    expect(lines.at(-1)).toBe('2 files checked: 5 errors, 0 warnings');
    expect(res.code).toBe(1);
  });

  it('prints warnings but passes, unless --strict', () => {
    const warning = 'warns.yaml:1:1: warning: expressions read `alert`, but no alert trigger starts this playbook, so `alert` is null in every run [alert_without_trigger]';
    const relaxed = soar('lint', 'warns.yaml');
    expect(relaxed.stdout).toBe(`${warning}\n1 file checked: 0 errors, 1 warning\n`);
    expect(relaxed.code).toBe(0);
    const strict = soar('lint', '--strict', 'warns.yaml');
    expect(strict.stdout).toBe(`${warning}\n1 file checked: 0 errors, 1 warning (--strict: warnings fail)\n`);
    expect(strict.code).toBe(1);
  });

  it.each([
    [['lint', 'missing.yaml'], 'soar lint: missing.yaml: no such file or directory\n'],
    [['lint', 'empty'], 'soar lint: no *.yaml or *.yml files in empty\nRun `soar help lint` for usage.\n'],
    [['lint'], 'soar lint: name at least one playbook file or directory\nRun `soar help lint` for usage.\n'],
  ])('%j exits 2', (args, stderr) => {
    const res = soar(...args);
    expect(res.stderr).toBe(stderr);
    expect(res.stdout).toBe('');
    expect(res.code).toBe(2);
  });
});
