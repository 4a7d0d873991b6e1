import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

const repo = path.resolve(__dirname, '../../..');
const playbookYaml = readFileSync(path.join(repo, 'workflows/isolate-alert-machine.yaml'), 'utf8');

describe('playbook administration: schema for editors, enable/disable, catalog', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0 });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the playbook JSON Schema at a stable URL, identical to the committed copy', async () => {
    const res = await fetch(`${stack.apiUrl}/schemas/playbook.schema.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/schema+json');
    expect(await res.text()).toBe(readFileSync(path.join(repo, 'libs/playbook/playbook.schema.json'), 'utf8'));
  });

  it('refuses runs of a disabled playbook with 409 and accepts them again once enabled', async () => {
    expect((await http('POST', `${stack.apiUrl}/playbooks`, playbookYaml)).status).toBe(201);
    expect((await http('POST', `${stack.apiUrl}/playbooks/isolate-alert-machine/disable`)).body).toEqual({ name: 'isolate-alert-machine', enabled: false });
    const refused = await http('POST', `${stack.apiUrl}/playbooks/isolate-alert-machine/runs`, { inputs: { alert_id: 'da1_1' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PLAYBOOK_DISABLED');
    expect((await http('GET', `${stack.apiUrl}/playbooks/isolate-alert-machine`)).body.enabled).toBe(false);
    await http('POST', `${stack.apiUrl}/playbooks/isolate-alert-machine/enable`);
    expect((await http('POST', `${stack.apiUrl}/playbooks/isolate-alert-machine/runs`, { inputs: { alert_id: 'da1_1' } })).status).toBe(202);
    expect((await http('POST', `${stack.apiUrl}/playbooks/nope/disable`)).status).toBe(404);
  });

  it('publishes every action with JSON Schemas and the Defender permissions it needs', async () => {
    const res = await http('GET', `${stack.apiUrl}/actions`);
    const isolate = res.body.items.find((a: any) => a.name === 'defender.machine.isolate');
    expect(isolate.permissions).toEqual(['Machine.Isolate']);
    expect(isolate.params.required).toEqual(expect.arrayContaining(['machine_id', 'comment']));
    expect(res.body.items.map((a: any) => a.name)).toEqual(expect.arrayContaining(['core.approval', 'core.webhook', 'defender.indicator.import']));
  });
});
