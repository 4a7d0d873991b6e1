import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEED } from '@soar/defender-sim';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { runUntil, startRun } from './runs';
import { http } from './http';

const TOKEN = 'xoxb-secret-webhook-token-91c2';

const notify = (url: string) => `
name: notify-team
title: Notify the SOC channel about an alert
inputs:
  alert_id: { type: string, required: true }
steps:
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.alert_id }}" }
  - id: post
    action: core.webhook
    with:
      url: ${url}
      headers: { Authorization: "\${{ 'Bearer ' + secrets.SOC_WEBHOOK_TOKEN }}" }
      body: { text: "\${{ 'New alert: ' + steps.get_alert.output.title }}", token_echo: "\${{ secrets.SOC_WEBHOOK_TOKEN }}" }
outputs:
  status: "\${{ steps.post.output.status }}"
`;

describe('webhooks and playbook secrets', () => {
  let stack: E2eStack;
  let server: Server;
  let baseUrl: string;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true, echoed: body }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'soar-secrets-'));
    const secretsFile = path.join(dir, 'secrets.json');
    writeFileSync(secretsFile, JSON.stringify({ SOC_WEBHOOK_TOKEN: TOKEN }));
    stack = await startE2eStack({ env: { PLAYBOOK_SECRETS_FILE: secretsFile, WEBHOOK_ALLOWED_HOSTS: baseUrl } });
  });
  afterAll(async () => {
    await stack?.stop();
    server?.close();
  });

  const runToEnd = async (playbook: string) => runUntil(stack.apiUrl, await startRun(stack.apiUrl, playbook, { alert_id: SEED.alerts.highSeverityOnWindows }));

  it('sends the secret to the allowed webhook but stores and shows it only as ***', async () => {
    expect((await http('POST', `${stack.apiUrl}/playbooks`, notify(`${baseUrl}/hooks/soc`))).status).toBe(201);
    const run = await runToEnd('notify-team');
    expect(run.status).toBe('succeeded');
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ text: expect.stringContaining('New alert: ') });

    const post = run.steps.find((s: any) => s.id === 'post');
    expect(post.params.headers.Authorization).toBe('Bearer ***');
    expect(post.output.status).toBe(200);
    expect(run.outputs).toEqual({ status: 200 });
    const stored = JSON.stringify(run) + JSON.stringify(await stack.db.stepAttempt.findMany({ select: { params: true, output: true, error: true } }));
    expect(stored).not.toContain(TOKEN);
  });

  it('refuses a webhook host that is not on the allow-list, without calling it', async () => {
    const blocked = notify('http://localhost:1/hooks').replace('name: notify-team', 'name: notify-elsewhere');
    expect((await http('POST', `${stack.apiUrl}/playbooks`, blocked)).status).toBe(201);
    const before = received.length;
    const run = await runToEnd('notify-elsewhere');
    expect(run.status).toBe('failed');
    expect(run.steps.find((s: any) => s.id === 'post').error).toMatchObject({ code: 'WEBHOOK_HOST_NOT_ALLOWED', retryable: false });
    expect(received.length).toBe(before);
  });

  it('rejects, when saving, a playbook that reads a secret that is not configured', async () => {
    const res = await http('POST', `${stack.apiUrl}/playbooks`, notify(`${baseUrl}/x`).replace(/SOC_WEBHOOK_TOKEN/g, 'SOC_WEBHOOK_TOKN').replace('name: notify-team', 'name: notify-typo'));
    expect(res.status).toBe(400);
    expect(res.body.error.problems.map((p: any) => p.code)).toContain('unknown_secret');
  });
});
