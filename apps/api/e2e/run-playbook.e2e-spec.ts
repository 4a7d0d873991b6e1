import { readFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '@soar/testing';
import { SEED } from '@soar/defender-sim';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

const playbookYaml = readFileSync(path.resolve(__dirname, '../../../workflows/isolate-alert-machine.yaml'), 'utf8');
const alertId = SEED.alerts.highSeverityOnWindows;
const machineId = SEED.highSeverityOnWindowsMachineId;

type LoggedRequest = { method: string; path: string; query: Record<string, string>; body: any; status: number };

describe('a playbook run, end to end (API → Postgres → BullMQ → worker process → Defender simulator)', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('stores the playbook, runs it and isolates the alert’s machine exactly once', async () => {
    const saved = await http('POST', `${stack.apiUrl}/playbooks`, playbookYaml);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: 'isolate-alert-machine', version: 1, created: true });

    const started = await http('POST', `${stack.apiUrl}/playbooks/isolate-alert-machine/runs`, { inputs: { alert_id: alertId, alert_status: 'InProgress' } });
    expect(started.status).toBe(202);
    const runId: string = started.body.runId;

    // The run is in Postgres as soon as the API answers.
    const row = await stack.db.run.findUnique({ where: { id: runId } });
    expect(row?.playbookVersion).toBe(1);

    const run = await waitFor(
      async () => {
        const res = await http('GET', `${stack.apiUrl}/runs/${runId}`);
        return ['succeeded', 'failed', 'cancelled'].includes(res.body.status) ? res.body : undefined;
      },
      { timeoutMs: 45_000, what: 'the run to finish' },
    );
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s: any) => [s.id, s.status])).toEqual([
      ['get_alert', 'succeeded'],
      ['isolate', 'succeeded'],
      ['report', 'succeeded'],
      ['fail_unless_isolated', 'skipped'],
    ]);
    const [getAlert, isolate, markInProgress] = run.steps;
    expect(getAlert.output).toMatchObject({ id: alertId, machineId });
    expect(isolate.params).toMatchObject({ machine_id: machineId, isolation_type: 'Full' });
    expect(isolate.output.action).toMatchObject({ type: 'Isolate', status: 'Succeeded', machineId });
    expect(isolate.output).toMatchObject({ result: 'done', actionId: isolate.output.action.id, status: 'Succeeded' });
    const claim = `SOAR run ${runId}, isolation of ws-fin-001.contoso.local: isolated. sent by this step; Defender reports it Succeeded. Defender action ${isolate.output.actionId} Succeeded, requested by SOAR Simulator Client.`;
    expect(markInProgress.output).toMatchObject({ id: alertId, status: 'InProgress' });
    for (const step of run.steps.filter((s: any) => s.status !== 'skipped')) {
      expect(step.history).toHaveLength(1);
      expect(Date.parse(step.endedAt)).toBeGreaterThanOrEqual(Date.parse(step.startedAt));
    }

    // Exactly the Defender calls the playbook implies, with Defender's casing.
    const log: LoggedRequest[] = (await (await fetch(`${stack.sim.controlUrl}/requests`)).json()) as LoggedRequest[];
    const api = log.filter((r) => r.path.startsWith('/api/'));
    const writes = api.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => [r.method, r.path])).toEqual([
      ['POST', `/api/machines/${machineId}/isolate`],
      ['PATCH', `/api/alerts/${alertId}`],
    ]);
    expect(writes[0]!.body).toEqual({ Comment: expect.stringContaining(`Isolated by SOAR playbook (alert ${alertId})`), IsolationType: 'Full' });
    expect(writes[1]!.body).toEqual({ status: 'InProgress', comment: claim });
    expect(api[0]).toMatchObject({ method: 'GET', path: `/api/alerts/${alertId}` });
    expect(api.filter((r) => r.method === 'GET' && r.path.startsWith('/api/machineactions/')).length).toBeGreaterThanOrEqual(1);
    expect(log.some((r) => r.path.endsWith('/oauth2/v2.0/token') && r.status === 200)).toBe(true);

    // Defender's state changed as the analyst expects.
    const state = (await (await fetch(`${stack.sim.controlUrl}/state`)).json()) as any;
    expect(state.machines.find((m: any) => m.id === machineId).isolated).toBe(true);
    const alert = state.alerts.find((a: any) => a.id === alertId);
    expect(alert.status).toBe('InProgress');
    expect(alert.comments.map((c: any) => c.comment)).toContain(claim);
  });

  it('lists runs newest first with a cursor for the next page', async () => {
    const second = await http('POST', `${stack.apiUrl}/playbooks/isolate-alert-machine/runs`, { inputs: { alert_id: SEED.alerts.malwareOnFinance } });
    expect(second.status).toBe(202);
    const page1 = await http('GET', `${stack.apiUrl}/runs?limit=1`);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((r: any) => r.id)).toEqual([second.body.runId]);
    const page2 = await http('GET', `${stack.apiUrl}/runs?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.items[0].id).not.toBe(second.body.runId);
  });

  it('saves an identical document as a no-op and a changed one as version 2, keeping version 1', async () => {
    const again = await http('POST', `${stack.apiUrl}/playbooks`, playbookYaml);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 1, created: false });
    const changed = await http('POST', `${stack.apiUrl}/playbooks`, playbookYaml.replace('Isolated by SOAR playbook', 'Contained by SOAR'));
    expect(changed.body).toMatchObject({ version: 2, created: true });
    const v1 = await http('GET', `${stack.apiUrl}/playbooks/isolate-alert-machine/versions/1`);
    expect(v1.body.source).toBe(playbookYaml);
    const list = await http('GET', `${stack.apiUrl}/playbooks`);
    expect(list.body.items).toEqual([expect.objectContaining({ name: 'isolate-alert-machine', version: 2 })]);
  });
});
