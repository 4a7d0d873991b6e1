import { actionCatalog } from '@soar/defender';
import { parsePlaybook } from './parse-playbook';

const head = `name: slips
title: Common slips
inputs:
  alert_id: { type: string }
steps:
  - id: c
`;

/** Each common slip gets a message that says what to write instead (table-driven). */
describe('messages for common YAML and CEL slips', () => {
  const problemsOf = (body: string) => {
    const result = parsePlaybook(head + body, { catalog: actionCatalog });
    return result.ok ? result.warnings : result.problems;
  };

  it.each<[string, string, { code: string; line: number; message: RegExp }]>([
    [
      'an unquoted expression containing ": "',
      `    action: defender.alert.update\n    with:\n      alert_id: \${{ inputs.alert_id }}\n      comment: \${{ 'Note: ' + inputs.alert_id }}\n`,
      { code: 'yaml_syntax', line: 10, message: /an expression containing `: ` must be quoted: write `comment: "\$\{\{ 'Note: ' \+ inputs.alert_id \}\}"`/ },
    ],
    [
      'unquoted text containing ": "',
      `    action: defender.alert.update\n    with:\n      alert_id: x\n      comment: Reason: lateral movement\n`,
      { code: 'yaml_syntax', line: 10, message: /a value containing `: ` must be quoted: write `comment: "Reason: lateral movement"`/ },
    ],
    [
      'a key indented less than its siblings',
      `    action: defender.alert.get\n    with:\n      alert_id: x\n     comment: y\n`,
      { code: 'yaml_syntax', line: 10, message: /All mapping items must start at the same column; check the indentation/ },
    ],
    [
      'a key indented more than its siblings',
      `    action: defender.alert.get\n     with:\n      alert_id: x\n`,
      { code: 'yaml_syntax', line: 7, message: /check the indentation of this line and the lines around it/ },
    ],
    [
      '=== in an expression',
      `    if: "\${{ inputs.alert_id === 'x' }}"\n    action: defender.alert.get\n    with: { alert_id: x }\n`,
      { code: 'expression_syntax', line: 7, message: /CEL compares with `==` and `!=`/ },
    ],
    [
      '= in an expression',
      `    if: "\${{ inputs.alert_id = 'x' }}"\n    action: defender.alert.get\n    with: { alert_id: x }\n`,
      { code: 'expression_syntax', line: 7, message: /a single `=` is not an operator/ },
    ],
    [
      '.includes() in an expression',
      `    if: "inputs.alert_id.includes('x')"\n    action: defender.alert.get\n    with: { alert_id: x }\n`,
      { code: 'expression_syntax', line: 7, message: /use `text.contains\(part\)` for text, `value in list` for lists/ },
    ],
    [
      '.length in an expression (parses, fails when run: a warning)',
      `    if: "size(inputs.alert_id) > 0 && inputs.alert_id.length > 1"\n    action: defender.alert.get\n    with: { alert_id: x }\n`,
      { code: 'cel_habit', line: 7, message: /use `size\(x\)`/ },
    ],
    [
      'a duplicate key',
      `    action: defender.alert.get\n    action: defender.alert.update\n    with: { alert_id: x }\n`,
      { code: 'duplicate_key', line: 8, message: /^the key `action` appears twice in the same map/ },
    ],
    [
      'a YAML merge key',
      `    action: defender.alert.get\n    with:\n      <<: { alert_id: x }\n`,
      { code: 'yaml_syntax', line: 9, message: /YAML merge keys \(`<<: \*anchor`\) are not supported: write the keys out/ },
    ],
    [
      'an action name with its words in another order',
      `    action: defender.isolate_machine\n    with: { machine_id: x }\n`,
      { code: 'unknown_action', line: 7, message: /did you mean `defender.machine.isolate`\?$/ },
    ],
    [
      'an action name with reordered words and a typo',
      `    action: defender.alert.udpate\n    with: { alert_id: x }\n`,
      { code: 'unknown_action', line: 7, message: /did you mean `defender.alert.update`\?$/ },
    ],
  ])('%s', (_, body, expected) => {
    const problems = problemsOf(body);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: expected.code, line: expected.line });
    expect(problems[0]!.message).toMatch(expected.message);
  });

  it('text in string literals is not mistaken for code', () => {
    expect(problemsOf(`    if: "inputs.alert_id == 'a === b.length'"\n    action: defender.alert.get\n    with: { alert_id: x }\n`)).toEqual([]);
  });
});
