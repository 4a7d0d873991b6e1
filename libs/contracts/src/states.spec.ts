import { isTerminalRunStatus, isTerminalStepStatus } from './states';

describe('run and step states', () => {
  it.each([
    ['succeeded', true],
    ['failed', true],
    ['cancelled', true],
    ['waiting', false],
    ['running', false],
  ])('run status %s terminal=%s', (status, terminal) => {
    expect(isTerminalRunStatus(status)).toBe(terminal);
  });
  it('treats skipped steps as terminal and waiting steps as not', () => {
    expect(isTerminalStepStatus('skipped')).toBe(true);
    expect(isTerminalStepStatus('waiting')).toBe(false);
  });
});
