import { ERROR_CODE_CATALOG } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import { EXPRESSION_ERROR_CODES } from '../expressions/evaluate';
import { parsePlaybook } from '../parse-playbook';

const playbook = (codes: string) => `
name: retry-codes
title: Retry codes
steps:
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "da638712004817339522_-1183920117" }
    retry: { on: [${codes}] }
`;

describe('retry.on is checked against the error code catalog when a playbook is saved', () => {
  it('rejects a typo with its line and column and suggests the code meant', () => {
    const result = parsePlaybook(playbook('DEFENDER_THROTTLD'), { catalog: actionCatalog });
    expect(result.ok ? [] : result.problems).toEqual([
      {
        code: 'unknown_error_code',
        path: 'steps[0].retry.on[0]',
        line: 8,
        column: 19,
        message: 'no step fails with the code `DEFENDER_THROTTLD`; did you mean `DEFENDER_THROTTLED`? (the codes are listed in docs/error-codes.md)',
      },
    ]);
  });

  it('accepts codes of every family a step can fail with', () => {
    const result = parsePlaybook(playbook('DEFENDER_SERVER_ERROR, STEP_TIMEOUT, WEBHOOK_HTTP_ERROR, SUB_PLAYBOOK_FAILED'), { catalog: actionCatalog });
    expect(result.ok).toBe(true);
  });

  it('rejects an API-only code: no step fails with it', () => {
    const result = parsePlaybook(playbook('PAYLOAD_TOO_LARGE'), { catalog: actionCatalog });
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['unknown_error_code']);
  });
});

describe('expression error codes', () => {
  it('are part of the engine family of the error code catalog', () => {
    const engineCodes = ERROR_CODE_CATALOG.filter((e) => e.family === 'engine').map((e) => e.code);
    expect(engineCodes).toEqual(expect.arrayContaining(Object.values(EXPRESSION_ERROR_CODES)));
  });
});
