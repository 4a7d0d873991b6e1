import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

const playbookYaml = readFileSync(path.resolve(__dirname, '../../../workflows/isolate-alert-machine.yaml'), 'utf8');

describe('bad input gets a clear 4xx and changes nothing', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0 });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('rejects an invalid playbook with every problem located by line and column', async () => {
    const yaml = ['name: broken-playbook', 'title: Broken', 'steps:', '  - id: a', '    action: defender.nope', '  - id: a', '    action: defender.alert.get', '    with: { alert_id: "${{ inputs.missing }}" }', ''].join('\n');
    const res = await http('POST', `${stack.apiUrl}/playbooks`, yaml);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PLAYBOOK');
    expect(res.body.error.correlationId).toEqual(expect.any(String));
    const problems = res.body.error.problems as { path: string; line: number; column: number }[];
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'steps[0].action', line: 5, column: 13 }),
        expect.objectContaining({ path: 'steps[1].id', line: 6 }),
        expect.objectContaining({ line: 8 }),
      ]),
    );
    expect(await stack.db.playbook.count()).toBe(0);
  });

  it('rejects YAML that does not parse, with its position', async () => {
    const res = await http('POST', `${stack.apiUrl}/playbooks`, 'name: x\nsteps: [\n');
    expect(res.status).toBe(400);
    expect(res.body.error.problems[0]).toEqual(expect.objectContaining({ line: expect.any(Number), column: expect.any(Number) }));
  });

  it('rejects a document over the size limit with 413', async () => {
    const res = await http('POST', `${stack.apiUrl}/playbooks`, `# ${'x'.repeat(300 * 1024)}\nname: big`);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 404 for an unknown playbook and queues nothing', async () => {
    const res = await http('POST', `${stack.apiUrl}/playbooks/no-such-playbook/runs`, { inputs: {} });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('PLAYBOOK_NOT_FOUND');
    expect(await stack.db.run.count()).toBe(0);
  });

  it('lists every bad run input by field and stores no run', async () => {
    expect((await http('POST', `${stack.apiUrl}/playbooks`, playbookYaml)).status).toBe(201);
    const res = await http('POST', `${stack.apiUrl}/playbooks/isolate-alert-machine/runs`, { inputs: { comment: 42, extra: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUTS');
    const paths = (res.body.error.problems as { path: string }[]).map((p) => p.path).sort();
    expect(paths).toEqual(['inputs.alert_id', 'inputs.comment', 'inputs.extra']);
    expect(await stack.db.run.count()).toBe(0);
  });

  it('rejects malformed JSON, unknown body fields and bad query strings with 400', async () => {
    const malformed = await fetch(`${stack.apiUrl}/playbooks/isolate-alert-machine/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"inputs": ',
    });
    expect(malformed.status).toBe(400);
    const unknownField = await http('POST', `${stack.apiUrl}/playbooks/isolate-alert-machine/runs`, { inputs: {}, priority: 1 });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.problems[0].path).toBe('body');
    const badLimit = await http('GET', `${stack.apiUrl}/runs?limit=-4`);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.problems[0].path).toBe('query.limit');
    const badId = await http('GET', `${stack.apiUrl}/runs/not-a-uuid`);
    expect(badId.status).toBe(400);
    const unknownRun = await http('GET', `${stack.apiUrl}/runs/00000000-0000-4000-8000-000000000000`);
    expect(unknownRun.status).toBe(404);
  });
});
