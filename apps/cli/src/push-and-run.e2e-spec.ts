import { SEED } from '@soar/defender-sim';
// The end-to-end stack (simulator, API, worker processes) lives with the API's own e2e tests.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startE2eStack, type E2eStack } from '../../api/e2e/e2e-stack';
import { runSoar } from './testing/run-soar';

// The CLI as a user runs it (a separate node process) against the product: the API in this
// process, a worker process, the real Postgres and Redis, and the Defender simulator.

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('soar push and soar run --follow, end to end', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('pushes the isolation playbook, then runs it and follows the steps to success', async () => {
    const env = { SOAR_API_URL: stack.apiUrl };

    const push = await runSoar(['push', 'workflows/isolate-alert-machine.yaml'], { env });
    expect(push).toEqual({ code: 0, stdout: 'isolate-alert-machine v1 (created)\n', stderr: '' });
    // Pushing the whole folder creates the other built-ins and leaves the unchanged one alone.
    const again = await runSoar(['push', 'workflows/'], { env });
    expect(again.code).toBe(0);
    const pushed = again.stdout.trim().split('\n');
    expect(pushed).toContain('isolate-alert-machine v1 (unchanged)');
    expect(pushed.filter((l) => l.endsWith('(created)')).length).toBe(pushed.length - 1);

    const run = await runSoar(['run', 'isolate-alert-machine', '--input', `alert_id=${SEED.alerts.highSeverityOnWindows}`, '--follow', '--timeout', '45'], {
      env,
      timeoutMs: 55_000,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const runId = new RegExp(`^run (${UUID}) started: isolate-alert-machine v1$`).exec(lines[0]!)?.[1];
    expect(runId).toBeDefined();
    expect(lines.filter((l) => l.endsWith(': succeeded'))).toEqual(['step get_alert: succeeded', 'step isolate: succeeded', 'step report: succeeded']);
    expect(lines.at(-1)).toBe(`run ${runId} succeeded`);
    // Every printed line is a known kind of progress line.
    for (const line of lines.slice(1)) expect(line).toMatch(/^(step [a-z_]+: [a-z]+( \(.*\))?|run \S+(:)? [a-z]+.*)$/);

    // What the CLI reported is what the API stored.
    const stored = (await (await fetch(`${stack.apiUrl}/runs/${runId}`)).json()) as { status: string; steps: Array<{ id: string; status: string }> };
    expect(stored.status).toBe('succeeded');
    expect(stored.steps.map((s) => [s.id, s.status])).toEqual([
      ['get_alert', 'succeeded'],
      ['isolate', 'succeeded'],
      ['report', 'succeeded'],
      ['fail_unless_isolated', 'skipped'],
    ]);
  }, 90_000);

  it('starts a run without --follow and prints only its id', async () => {
    const res = await runSoar(['run', 'isolate-alert-machine', '--input', `alert_id=${SEED.alerts.malwareOnFinance}`], { env: { SOAR_API_URL: stack.apiUrl } });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^${UUID}\\n$`));
  });

  it('reports inputs the API rejects, field by field (exit 2)', async () => {
    const res = await runSoar(['run', 'isolate-alert-machine', '--input', 'alert_id=not an alert id!'], { env: { SOAR_API_URL: stack.apiUrl } });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^soar run: .+ \[INVALID_INPUTS\]\n {2}inputs\.alert_id: .+\n/);
  });
});
