import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SEED } from '@soar/defender-sim';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';
import { runUntil, startRun } from './runs';

/** GET /api/runs/{id}?view=summary: the run without the parameters and attempt outputs that repeat the alert. */
describe('the run summary view', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack();
    const yaml = readFileSync(path.resolve(__dirname, '../../../workflows/isolate-alert-machine.yaml'), 'utf8');
    expect((await http('POST', `${stack.apiUrl}/playbooks`, yaml)).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  it('for the Quick-start run: the same run, steps and statuses, in under a fifth of the bytes', async () => {
    const runId = await startRun(stack.apiUrl, 'isolate-alert-machine', { alert_id: SEED.alerts.highSeverityOnWindows });
    await runUntil(stack.apiUrl, runId);
    const full = await http('GET', `${stack.apiUrl}/runs/${runId}`);
    const summary = await http('GET', `${stack.apiUrl}/runs/${runId}?view=summary`);
    const explicitFull = await http('GET', `${stack.apiUrl}/runs/${runId}?view=full`);
    expect([full.status, summary.status, explicitFull.status]).toEqual([200, 200, 200]);
    // The default stays the full view (the console reads attempts from it).
    expect(explicitFull.body).toEqual(full.body);
    expect(full.body.steps[0].history[0]).toHaveProperty('output');

    const { steps: fullSteps, ...fullRun } = full.body;
    const { steps: summarySteps, ...summaryRun } = summary.body;
    expect(summaryRun).toEqual(fullRun);
    expect(summarySteps.map((s: any) => [s.id, s.status, s.attempts, s.error, s.startedAt])).toEqual(
      fullSteps.map((s: any) => [s.id, s.status, s.attempts, s.error, s.startedAt]),
    );
    for (const step of summarySteps) {
      expect(step).not.toHaveProperty('params');
      expect(step).not.toHaveProperty('output');
      // Defender steps keep who made their calls (the app here), without the outputs it came with.
      const defender = step.action.startsWith('defender.');
      if (defender && step.status === 'succeeded') expect(step.actedAs).toMatchObject({ kind: 'app', connection: 'default' });
      for (const attempt of step.history) {
        const keys = ['attempt', 'endedAt', 'error', 'startedAt', 'status', 'workerId', ...(defender && attempt.status === 'succeeded' ? ['actedAs'] : [])];
        expect(Object.keys(attempt).sort()).toEqual(keys.sort());
      }
    }
    // The alert the steps read and changed is no longer repeated: a fraction of the full view.
    expect(summary.text.length * 5).toBeLessThan(full.text.length);
  });

  it('refuses an unknown view with a 400 naming the query parameter', async () => {
    const runId = '00000000-0000-4000-8000-000000000000';
    const res = await http('GET', `${stack.apiUrl}/runs/${runId}?view=tiny`);
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([expect.objectContaining({ path: 'query.view' })]);
  });
});
