import { waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from '../e2e-stack';
import { http } from '../http';

const SCHEDULED = `name: every-two-seconds
title: Scheduled
inputs: { note: { type: string, required: true } }
triggers: [ { type: manual }, { type: schedule, cron: "*/2 * * * * *", timezone: Europe/Berlin, inputs: { note: tick } } ]
steps: [ { id: remember, action: core.set, with: { values: { note: "\${{ inputs.note }}" } } } ]
`;

type RunItem = { id: string; status: string; trigger: { type: string; schedule?: { tick: string; cron: string; timezone: string } } };

describe('schedule triggers', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 2, env: { INTAKE_SYNC_EVERY_MS: '300' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const scheduledRuns = async () => {
    const res = await http('GET', `${stack.apiUrl}/runs?playbook=every-two-seconds&limit=200`);
    return (res.body.items as RunItem[]).filter((r) => r.trigger.type === 'schedule');
  };

  it('starts one run per tick across two workers, with the trigger’s inputs, and none while paused', async () => {
    expect((await http('POST', `${stack.apiUrl}/playbooks`, SCHEDULED)).status).toBe(201);
    const runs = await waitFor(async () => {
      const r = await scheduledRuns();
      return r.length >= 3 ? r : undefined;
    }, { timeoutMs: 30_000, what: 'three scheduled runs' });
    const ticks = runs.map((r) => r.trigger.schedule!.tick);
    expect(new Set(ticks).size).toBe(ticks.length);
    for (const tick of ticks) expect(Date.parse(tick) % 2000).toBe(0);
    expect(runs[0]!.trigger.schedule).toMatchObject({ cron: '*/2 * * * * *', timezone: 'Europe/Berlin' });
    const run = await waitFor(async () => {
      const r = (await http('GET', `${stack.apiUrl}/runs/${runs[runs.length - 1]!.id}`)).body;
      return r.status === 'succeeded' ? r : undefined;
    }, { timeoutMs: 30_000, what: 'a scheduled run to finish' });
    expect(run.inputs).toEqual({ note: 'tick' });
    expect(run.steps[0].output).toMatchObject({ note: 'tick' });
    const firings = await stack.db.triggerFiring.findMany({ where: { playbookName: 'every-two-seconds' } });
    expect(firings.length).toBe(await stack.db.run.count({ where: { playbookName: 'every-two-seconds' } }));

    expect((await http('POST', `${stack.apiUrl}/playbooks/every-two-seconds/triggers/pause`)).status).toBe(200);
    // After the workers have seen the pause (a sync and a tick), no further tick starts a run.
    await new Promise((r) => setTimeout(r, 2500));
    const paused = (await scheduledRuns()).length;
    await new Promise((r) => setTimeout(r, 4500));
    expect((await scheduledRuns()).length).toBe(paused);
    const status = await http('GET', `${stack.apiUrl}/intake/status`);
    expect(status.body.sources).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'schedule:every-two-seconds', kind: 'schedule', runsStarted: paused, errors: 0 })]));
  });
});
