import { randomUUID } from 'node:crypto';
import { waitFor } from '@soar/testing';
import { readAlertPlaybook } from './playbooks';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

const approvalPlaybook = `
name: approve-first
title: Approve first
steps:
  - id: approve
    action: core.approval
    with: { prompt: "Go on?", approvers: [local-admin], timeout_seconds: 3600 }
`;

const cursor = (text: string) => Buffer.from(text).toString('base64url');

/** Input Postgres cannot store or that the API never issued: always a 400 naming the field, never a 500. */
describe('hostile input never reaches Postgres', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 1 });
    expect((await http('POST', `${stack.apiUrl}/playbooks`, readAlertPlaybook())).status).toBe(201);
    expect((await http('POST', `${stack.apiUrl}/playbooks`, approvalPlaybook)).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const rawPost = (path: string, body: string, contentType: string) =>
    fetch(`${stack.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));
  const problemPaths = (body: any) => (body.error.problems ?? []).map((p: { path: string }) => p.path);

  it.each([
    ['a NUL character in a run input', '{"inputs": {"alert_id": "da63\\u0000871"}}', 'body.inputs.alert_id'],
    ['a lone surrogate in a run input', '{"inputs": {"alert_id": "da63\\ud800x"}}', 'body.inputs.alert_id'],
    ['a lone low surrogate in a nested value', '{"inputs": {"alert_id": "x", "list": ["\\udc00"]}}', 'body.inputs.list[0]'],
    ['a NUL character in a key', '{"inputs": {"alert\\u0000id": "x"}}', 'body.inputs."alert\\u0000id"'],
  ])('%s is a 400 naming the field', async (_, json, path) => {
    const res = await rawPost('/playbooks/read-alert/runs', json, 'application/json');
    expect(res.status).toBe(400);
    expect(problemPaths(res.body)).toEqual([path]);
    expect(await stack.db.run.count()).toBe(0);
  });

  it.each([
    ['a NUL character', 'name: nul-doc\ntitle: "x\u0000"\nsteps: []\n', { line: 2, column: 10 }],
    ['a YAML \\0 escape', 'name: nul-escape\ntitle: "x\\0y"\nsteps:\n  - id: a\n    action: core.wait\n    with: { seconds: 1 }\n', { path: 'title' }],
    ['a YAML \\x00 escape in a parameter', 'name: nul-param\ntitle: t\nsteps:\n  - id: a\n    action: core.set\n    with: { values: { note: "a\\x00" } }\n', { path: 'steps[0].with.values.note' }],
  ])('a playbook with %s is a 400 naming where', async (_, yaml, where) => {
    const res = await rawPost('/playbooks', yaml, 'application/yaml');
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'unstorable_text', ...where })]));
    expect(await stack.db.playbook.count()).toBe(2);
  });

  it.each([
    ['a cursor whose id looks like a UUID but is not', { cursor: cursor(`2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`) }, 'query.cursor'],
    ['a cursor dated in year 275760', { cursor: cursor(`+275760-09-13T00:00:00.000Z|${randomUUID()}`) }, 'query.cursor'],
    ['a NUL character as the playbook filter', { playbook: '\u0000' }, 'query.playbook'],
    ['a NUL character as the cursor', { cursor: '\u0000' }, 'query.cursor'],
  ])('listing runs with %s is a 400 naming the field', async (_, query, path) => {
    const res = await http('GET', `${stack.apiUrl}/runs?${new URLSearchParams(query)}`);
    expect(res.status).toBe(400);
    expect(problemPaths(res.body)).toEqual([path]);
  });

  it.each([
    ['text/plain', 'null'],
    ['application/x-www-form-urlencoded', 'inputs=1'],
    ['application/yaml', 'inputs: {}'],
  ])('a run start sent as %s is a 415 naming application/json', async (contentType, body) => {
    const res = await rawPost('/playbooks/read-alert/runs', body, contentType);
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.message).toContain('application/json');
  });

  it('a playbook sent as JSON is a 415 naming application/yaml', async () => {
    const res = await rawPost('/playbooks', '{"name": "x"}', 'application/json');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('application/yaml');
  });

  it('an unknown playbook is a 404 that suggests close names', async () => {
    const typo = await http('POST', `${stack.apiUrl}/playbooks/read-alrt/runs`, { inputs: {} });
    expect(typo.status).toBe(404);
    expect(typo.body.error.message).toBe('playbook read-alrt does not exist; did you mean read-alert?');
    const reordered = await http('GET', `${stack.apiUrl}/playbooks/alert-read`);
    expect(reordered.body.error.message).toContain('did you mean read-alert');
    const unrelated = await http('GET', `${stack.apiUrl}/playbooks/zzz`);
    expect(unrelated.body.error.message).toBe('playbook zzz does not exist');
  });

  it('a second decision on an approval is a 409 saying who decided it and how', async () => {
    const runId = (await http('POST', `${stack.apiUrl}/playbooks/approve-first/runs`, {})).body.runId;
    const approval = await waitFor(async () => (await http('GET', `${stack.apiUrl}/approvals`)).body.items.find((a: any) => a.runId === runId), { what: 'the approval' });
    expect((await http('POST', `${stack.apiUrl}/approvals/${approval.id}/decision`, { decision: 'reject' })).status).toBe(201);
    const again = await http('POST', `${stack.apiUrl}/approvals/${approval.id}/decision`, { decision: 'approve' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(new RegExp(`^approval ${approval.id} was already rejected by local-admin at \\d{4}-`));
  });
});
