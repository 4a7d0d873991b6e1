import { actionCatalog } from '@soar/defender';
import { parsePlaybook } from './parse-playbook';

const doc = (timeout: string) => `name: timed
title: Timed
${timeout}
steps:
  - id: wait
    action: core.wait
    with: { seconds: 10 }
`;

describe('playbook timeout_seconds (a limit for the whole run)', () => {
  it('is kept in the definition', () => {
    const parsed = parsePlaybook(doc('timeout_seconds: 3600'), { catalog: actionCatalog });
    expect(parsed.ok && parsed.playbook.timeout_seconds).toBe(3600);
  });
  it('is optional', () => {
    const parsed = parsePlaybook(doc(''), { catalog: actionCatalog });
    expect(parsed.ok && parsed.playbook.timeout_seconds).toBeUndefined();
  });
  it('must be a positive whole number of seconds, reported where it is written', () => {
    const parsed = parsePlaybook(doc('timeout_seconds: -5'), { catalog: actionCatalog });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]).toMatchObject({ path: 'timeout_seconds', line: 3, column: 18 });
  });
});
