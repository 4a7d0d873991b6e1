import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEED } from '@soar/defender-sim';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { runUntil, startRun } from './runs';
import { http } from './http';

/**
 * Issue 12, items 1–3 through the real stack: a secret reaches the webhook header it is meant for
 * and nothing else — not the body, a sub-playbook's inputs, an error, the attempt history, the
 * run's error or its live events — whether the playbook is saved today (refused with line and
 * column) or was stored before the rule (refused when it runs).
 */
const TOKEN = 'xoxb-secret-webhook-token-91c2';
const SECRET = 'SOC_WEBHOOK_TOKEN';

const notify = (url: string, name = 'notify-team') => `
name: ${name}
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
      headers: { Authorization: "Bearer \${{ secrets.${SECRET} }}", X-Shouted: "\${{ secrets.${SECRET}.upper() }}" }
      body: { text: "\${{ 'New alert: ' + steps.get_alert.output.title }}" }
outputs:
  status: "\${{ steps.post.output.status }}"
`;

const child = `
name: child-echo
title: Stores what it is given
inputs:
  token: { type: string, required: true }
steps:
  - id: keep
    action: core.set
    with: { values: { got: "\${{ inputs.token }}" } }
`;

/** Every place a secret is refused, written with `inputs.probe`; the "legacy" copy reads the secret there instead. */
const leaky = (url: string) => `
name: leaky
title: Tries to move a secret where it does not belong
inputs:
  probe: { type: string, required: false, default: "12345678" }
steps:
  - id: to_child
    action: core.playbook
    on_error: continue
    with: { playbook: child-echo, inputs: { token: "\${{ inputs.probe }}" } }
  - id: to_body
    action: core.webhook
    needs: to_child
    on_error: continue
    with: { url: ${url}, body: { text: "\${{ inputs.probe.upper() }}" } }
  - id: to_error
    action: core.fail
    needs: to_body
    with: { message: "\${{ 'bad token ' + inputs.probe.substring(2, 12) }}" }
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
        // A receiver that echoes what it got, headers included.
        res.end(JSON.stringify({ ok: true, echoed: body, auth: req.headers.authorization, shouted: req.headers['x-shouted'] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'soar-secrets-'));
    const secretsFile = path.join(dir, 'secrets.json');
    writeFileSync(secretsFile, JSON.stringify({ [SECRET]: TOKEN }));
    stack = await startE2eStack({ env: { PLAYBOOK_SECRETS_FILE: secretsFile, WEBHOOK_ALLOWED_HOSTS: baseUrl } });
  });
  afterAll(async () => {
    await stack?.stop();
    server?.close();
  });

  const runToEnd = async (playbook: string, inputs: object = { alert_id: SEED.alerts.highSeverityOnWindows }) => runUntil(stack.apiUrl, await startRun(stack.apiUrl, playbook, inputs));
  /** Everything a user or an operator can see of the run: the API's answer, its live events, and the rows behind them. */
  const everythingAbout = async (run: { id: string }) => {
    const events = await (await fetch(`${stack.apiUrl}/runs/${run.id}/events`)).text();
    const rows = await stack.db.run.findMany({ include: { steps: { include: { history: true } }, events: true } });
    return JSON.stringify(run) + events + JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v));
  };
  const expectNoTrace = (text: string) => {
    for (const form of [TOKEN, TOKEN.toUpperCase(), TOKEN.substring(2, 12)]) expect(text).not.toContain(form);
  };

  it('sends the secret to the allowed webhook header but stores and shows it only as ***, the receiver’s echo included', async () => {
    expect((await http('POST', `${stack.apiUrl}/playbooks`, notify(`${baseUrl}/hooks/soc`))).status).toBe(201);
    const run = await runToEnd('notify-team');
    expect(run.status).toBe('succeeded');
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(received[0]!.headers['x-shouted']).toBe(TOKEN.toUpperCase());
    expect(JSON.parse(received[0]!.body)).toMatchObject({ text: expect.stringContaining('New alert: ') });

    const post = run.steps.find((s: any) => s.id === 'post');
    expect(post.params.headers).toEqual({ Authorization: 'Bearer ***', 'X-Shouted': '***' });
    expect(post.output.body).toMatchObject({ auth: 'Bearer ***', shouted: '***' });
    expect(run.outputs).toEqual({ status: 200 });
    expectNoTrace(await everythingAbout(run));
  });

  it('refuses, when saving, a secret anywhere but a credential parameter, with line and column', async () => {
    const source = leaky(`${baseUrl}/x`).replace(/inputs\.probe/g, `secrets.${SECRET}`);
    const res = await http('POST', `${stack.apiUrl}/playbooks`, source);
    expect(res.status).toBe(400);
    const problems = res.body.error.problems.filter((p: any) => p.code === 'secret_not_allowed');
    expect(problems.map((p: any) => p.path)).toEqual(['steps[0].with.inputs.token', 'steps[1].with.body.text', 'steps[2].with.message']);
    const lines = source.split('\n');
    for (const p of problems) expect(lines[p.line - 1]!.slice(p.column - 1)).toMatch(/^secrets\.SOC_WEBHOOK_TOKEN/);
  });

  it('refuses a secret at run time in a version stored before the rule: no child inputs, no body, no error text carries it', async () => {
    expect((await http('POST', `${stack.apiUrl}/playbooks`, child)).status).toBe(201);
    expect((await http('POST', `${stack.apiUrl}/playbooks`, leaky(`${baseUrl}/leak`))).status).toBe(201);
    // What an older release stored: the same playbook reading the secret in those places.
    const version = await stack.db.playbookVersion.findFirstOrThrow({ where: { playbook: { name: 'leaky' } } });
    const legacy = JSON.parse(JSON.stringify(version.definition).replace(/inputs\.probe/g, `secrets.${SECRET}`));
    await stack.db.playbookVersion.update({ where: { id: version.id }, data: { definition: legacy } });

    const before = received.length;
    const run = await runToEnd('leaky', {});
    expect(run.status).toBe('failed');
    expect(run.steps.map((s: any) => [s.id, s.status, s.error?.code])).toEqual([
      ['to_child', 'failed', 'secret_not_allowed'],
      ['to_body', 'failed', 'secret_not_allowed'],
      ['to_error', 'failed', 'secret_not_allowed'],
    ]);
    expect(run.error).toMatchObject({ code: 'secret_not_allowed' });
    expect(received.length).toBe(before);
    expect(await stack.db.run.count({ where: { playbookName: 'child-echo' } })).toBe(0);
    expectNoTrace(await everythingAbout(run));
  });

  it('withholds the text of a failing conversion of a secret (int() would quote it) from the step, history, run and events', async () => {
    const source = notify(`${baseUrl}/hooks/soc`, 'notify-convert').replace(`X-Shouted: "\${{ secrets.${SECRET}.upper() }}"`, `X-Id: "\${{ string(int(secrets.${SECRET})) }}"`);
    expect((await http('POST', `${stack.apiUrl}/playbooks`, source)).status).toBe(201);
    const run = await runToEnd('notify-convert');
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'expression_failed', message: expect.stringContaining('withheld') });
    expectNoTrace(await everythingAbout(run));
  });

  it('refuses a webhook origin that is not on the allow-list, without calling it', async () => {
    const blocked = notify(`http://localhost:1/hooks`, 'notify-elsewhere');
    expect((await http('POST', `${stack.apiUrl}/playbooks`, blocked)).status).toBe(201);
    const before = received.length;
    const run = await runToEnd('notify-elsewhere');
    expect(run.status).toBe('failed');
    expect(run.steps.find((s: any) => s.id === 'post').error).toMatchObject({ code: 'WEBHOOK_HOST_NOT_ALLOWED', retryable: false });
    expect(received.length).toBe(before);
  });

  it('rejects, when saving, a playbook that reads a secret that is not configured', async () => {
    const res = await http('POST', `${stack.apiUrl}/playbooks`, notify(`${baseUrl}/x`, 'notify-typo').replace(/SOC_WEBHOOK_TOKEN/g, 'SOC_WEBHOOK_TOKN'));
    expect(res.status).toBe(400);
    expect(res.body.error.problems.map((p: any) => p.code)).toContain('unknown_secret');
  });
});
