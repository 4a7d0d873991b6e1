import { actionCatalog } from '@soar/defender';
import { parsePlaybook } from '../parse-playbook';

const playbook = (withLines: string) => `
name: four-eyes
title: Four eyes
inputs:
  approvers: { type: list, items: { type: string }, default: [role:approver] }
  self: { type: boolean, default: false }
steps:
  - id: approve
    action: core.approval
    with:
      prompt: Isolate?
${withLines}
`;

describe('who may approve is written in the playbook (core.approval literalParams)', () => {
  it('accepts a literal approvers list narrowed by a run input, and a literal allow_self_approval', () => {
    const result = parsePlaybook(playbook('      approvers: [role:approver, group:soc-leads]\n      narrow_to: ${{ inputs.approvers }}\n      allow_self_approval: true'), { catalog: actionCatalog });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('refuses approvers or allow_self_approval taken from an expression, where they are written', () => {
    const result = parsePlaybook(playbook('      approvers: ${{ inputs.approvers }}\n      allow_self_approval: ${{ inputs.self }}'), { catalog: actionCatalog });
    expect(result.ok ? [] : result.problems.map(({ path, line, message }) => ({ path, line, message }))).toEqual([
      {
        path: 'steps[0].with.approvers',
        line: 12,
        message: '`approvers` must be written in the playbook, without `${{ }}`: run inputs may not choose it (let them narrow it with `narrow_to`) (parameter of core.approval)',
      },
      {
        path: 'steps[0].with.allow_self_approval',
        line: 13,
        message: '`allow_self_approval` must be written in the playbook, without `${{ }}`: run inputs may not choose it (parameter of core.approval)',
      },
    ]);
  });

  it('refuses an expression inside the list too', () => {
    const result = parsePlaybook(playbook('      approvers: [role:approver, "${{ inputs.approvers[0] }}"]'), { catalog: actionCatalog });
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['steps[0].with.approvers']);
  });
});
