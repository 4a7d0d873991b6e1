import { approvalAction, failAction, playbookAction, setAction, waitAction, webhookAction } from './core.actions';

describe('core action parameters', () => {
  it.each<[string, { params: { safeParse(v: unknown): { success: boolean } } }, unknown, boolean]>([
    ['approval with defaults', approvalAction, { prompt: 'Isolate?', approvers: ['soc@contoso.com'] }, true],
    ['approval without approvers', approvalAction, { prompt: 'Isolate?', approvers: [] }, false],
    ['approval with a bad default', approvalAction, { prompt: 'x', approvers: ['a'], default_decision: 'maybe' }, false],
    ['wait seconds', waitAction, { seconds: 30 }, true],
    ['wait until', waitAction, { until: '2030-01-01T00:00:00Z' }, true],
    ['wait both', waitAction, { seconds: 1, until: '2030-01-01T00:00:00Z' }, false],
    ['wait neither', waitAction, {}, false],
    ['set values', setAction, { values: { a: 1, b: [true] } }, true],
    ['fail message', failAction, { message: 'stop' }, true],
    ['fail without message', failAction, {}, false],
    ['playbook', playbookAction, { playbook: 'contain-host', inputs: { a: 1 } }, true],
    ['playbook with a bad name', playbookAction, { playbook: 'Contain Host' }, false],
    ['webhook', webhookAction, { url: 'https://hooks.contoso.com/x', headers: { Authorization: 'Bearer x' }, body: { a: 1 } }, true],
    ['webhook file url', webhookAction, { url: 'file:///etc/passwd' }, false],
    ['webhook bad method', webhookAction, { url: 'https://x.io', method: 'TRACE' }, false],
    ['webhook bad header name', webhookAction, { url: 'https://x.io', headers: { 'a b': 'x' } }, false],
  ])('%s', (_name, action, params, ok) => {
    expect(action.params.safeParse(params).success).toBe(ok);
  });
});
