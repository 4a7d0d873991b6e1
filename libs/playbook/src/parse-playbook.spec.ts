import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { actionCatalog } from '@soar/defender';
import { parsePlaybook } from './parse-playbook';
import { PROBLEM_CODES } from './problems';

/**
 * Table-driven over YAML fixtures. Files in `__fixtures__/valid` must parse without problems;
 * files in `__fixtures__/invalid` end with `# expect: <code> <path|-> <line>:<column>` lines listing
 * exactly the problems the validator must report (comments at the end keep the positions above intact).
 */
const dir = path.join(__dirname, '__fixtures__');
const read = (sub: string) =>
  readdirSync(path.join(dir, sub))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [f, readFileSync(path.join(dir, sub, f), 'utf8')] as const);

describe('parsePlaybook on valid fixtures', () => {
  it.each(read('valid'))('%s parses without problems', (_name, text) => {
    const result = parsePlaybook(text, { catalog: actionCatalog });
    expect(result.ok ? [] : result.problems).toEqual([]);
    // Expected warnings are listed at the end as `# warn: <code> <path|-> <line>:<column>`.
    const expected = [...text.matchAll(/^# warn: (\S+) (\S+) (\d+):(\d+)\s*$/gm)].map(([, c, p, l, col]) => `${c} ${p} ${l}:${col}`);
    const warnings = result.ok ? result.warnings.map((w) => `${w.code} ${w.path || '-'} ${w.line}:${w.column}`) : [];
    expect(warnings.sort()).toEqual(expected.sort());
  });
});

describe('parsePlaybook on invalid fixtures', () => {
  it.each(read('invalid'))('%s reports exactly the expected problems', (_name, text) => {
    const expected = [...text.matchAll(/^# expect: (\S+) (\S+) (\d+):(\d+)\s*$/gm)].map(
      ([, code, p, line, column]) => `${code} ${p} ${line}:${column}`,
    );
    expect(expected.length).toBeGreaterThan(0);
    // Optional parse options as JSON: `# options: {"secretNames": ["A"]}`.
    const options = /^# options: (.*)$/m.exec(text);
    const result = parsePlaybook(text, { catalog: actionCatalog, ...(options ? JSON.parse(options[1]) : {}) });
    expect(result.ok).toBe(false);
    const actual = result.ok ? [] : result.problems.map((p) => `${p.code} ${p.path || '-'} ${p.line}:${p.column}`);
    expect(actual.sort()).toEqual(expected.sort());
    for (const p of result.ok ? [] : result.problems) expect(p.message.length).toBeGreaterThan(10);
  });
});

describe('fixture coverage', () => {
  it('every problem code is exercised by a fixture or the hostile-input spec', () => {
    const fixtureCodes = new Set(
      [...read('invalid'), ...read('valid')].flatMap(([, text]) => [...text.matchAll(/^# (?:expect|warn): (\S+)/gm)].map((m) => m[1])),
    );
    // Exercised with exact positions in yaml/hostile-input.spec.ts and inputs/validate-run-inputs.spec.ts.
    const elsewhere = new Set(['too_large', 'invalid_encoding', 'too_deep', 'too_many_nodes', 'invalid_number', 'invalid_input', 'input_rule']);
    const missing = Object.values(PROBLEM_CODES).filter((c) => !fixtureCodes.has(c) && !elsewhere.has(c));
    expect(missing).toEqual([]);
  });
});
