import { SEED } from '@soar/defender-sim';
import { waitFor } from '@soar/testing';
// The end-to-end stack (simulator, API, worker processes) lives with the API's own e2e tests.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startE2eStack, type E2eStack } from '../../api/e2e/e2e-stack';
import { runSoar } from './testing/run-soar';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
// Medium severity: contain-alert-machine asks for an approval before isolating.
const MEDIUM_ALERT = SEED.alerts.registryPersistenceOnSales;

/** The analyst's daily commands (typed inputs, runs, approvals, approve/reject, cancel) against the real stack. */
describe('soar runs, approvals, approve, reject, cancel and typed --input, end to end', () => {
  let stack: E2eStack;
  let env: Record<string, string>;
  beforeAll(async () => {
    stack = await startE2eStack();
    env = { SOAR_API_URL: stack.apiUrl };
    const push = await runSoar(['push', 'workflows/contain-alert-machine.yaml', 'workflows/isolate-alert-machine.yaml'], { env });
    expect(push.code).toBe(0);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const approvalIdOf = (runId: string) =>
    waitFor(
      async () => {
        const res = await runSoar(['approvals'], { env });
        return new RegExp(`^(${UUID})  contain-alert-machine  run ${runId} step approve  approvers: role:admin  `, 'm').exec(res.stdout)?.[1];
      },
      { timeoutMs: 30_000, what: `an approval of run ${runId} in soar approvals` },
    );

  it('--follow prints the waiting approval and the command that decides it; soar approve resumes the run', async () => {
    const following = runSoar(['run', 'contain-alert-machine', '--input', `alert_id=${MEDIUM_ALERT}`, '--input', 'approvers=role:admin', '--follow', '--timeout', '60'], {
      env,
      timeoutMs: 70_000,
    });
    // The follow prints the approval as soon as the step waits; decide it from another "terminal".
    const runId = await waitFor(
      async () => {
        const res = await runSoar(['runs', '--playbook', 'contain-alert-machine', '--status', 'waiting'], { env });
        return new RegExp(`^(${UUID})  \\S+  waiting  contain-alert-machine v1`, 'm').exec(res.stdout)?.[1];
      },
      { timeoutMs: 30_000, what: 'a waiting run in soar runs' },
    );
    const approvalId = await approvalIdOf(runId);
    const approve = await runSoar(['approve', approvalId, '--comment', 'owner agrees'], { env });
    expect(approve).toEqual({ code: 0, stdout: `approved by local-admin: run ${runId} resumes at step approve\n`, stderr: '' });

    const followed = await following;
    expect(followed.stderr).toBe('');
    expect(followed.code).toBe(0);
    const lines = followed.stdout.trim().split('\n');
    expect(lines).toContain(`  decide with: soar approve ${approvalId} [--comment TEXT]  or  soar reject ${approvalId} [--comment TEXT]`);
    expect(lines.find((l) => l.startsWith(`approval ${approvalId} waits for role:admin until `))).toBeDefined();
    expect(lines.at(-1)).toBe(`run ${runId} succeeded`);

    // Deciding again: the API's 409 says who decided it and how; exit 1.
    const again = await runSoar(['reject', approvalId], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`approval ${approvalId} was already approved by local-admin`);
  }, 90_000);

  it('reject decides the other way; the run ends without isolating', async () => {
    const start = await runSoar(['run', 'contain-alert-machine', '--input', `alert_id=${MEDIUM_ALERT}`], { env });
    expect(start.code).toBe(0);
    const runId = start.stdout.trim();
    const approvalId = await approvalIdOf(runId);
    const reject = await runSoar(['reject', approvalId, '-m', 'not now'], { env });
    expect(reject).toEqual({ code: 0, stdout: `rejected by local-admin: run ${runId} resumes at step approve\n`, stderr: '' });
    const ended = await waitFor(
      async () => {
        const res = await runSoar(['runs', '--playbook', 'contain-alert-machine', '--outcome', 'rejected', '--limit', '5'], { env });
        return res.stdout.split('\n').find((l) => l.startsWith(runId));
      },
      { timeoutMs: 30_000, what: 'the rejected run in soar runs' },
    );
    expect(ended).toMatch(/ succeeded rejected {2}contain-alert-machine v1 {2}approval approve was rejected by local-admin/);
  }, 60_000);

  it('cancel ends a waiting run; cancelling it again is exit 1 with the reason', async () => {
    const start = await runSoar(['run', 'contain-alert-machine', '--input', `alert_id=${MEDIUM_ALERT}`], { env });
    const runId = start.stdout.trim();
    await approvalIdOf(runId);
    const cancel = await runSoar(['cancel', runId], { env });
    expect(cancel.stderr).toBe('');
    expect(cancel.code).toBe(0);
    expect(cancel.stdout.split('\n')[0]).toMatch(new RegExp(`^run ${runId} cancelled: `));
    const listed = await runSoar(['runs', '--status', 'cancelled'], { env });
    expect(listed.stdout).toContain(`${runId}  `);
    const again = await runSoar(['cancel', runId], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^soar cancel: .+ \[CONFLICT\]\n$/);
  }, 60_000);

  it('converts --input to the declared types: a number-like alert id stays text; a bad number names the input', async () => {
    // alert_id is declared a string: 12345 is sent as "12345" (it used to be sent as a number and refused).
    const asText = await runSoar(['run', 'isolate-alert-machine', '--input', 'alert_id=12345'], { env });
    expect(asText).toMatchObject({ code: 0, stderr: '' });
    const run = (await (await fetch(`${stack.apiUrl}/runs/${asText.stdout.trim()}?view=summary`)).json()) as { inputs: Record<string, unknown> };
    expect(run.inputs.alert_id).toBe('12345');

    const badNumber = await runSoar(['run', 'contain-alert-machine', '--input', `alert_id=${MEDIUM_ALERT}`, '--input', 'approval_timeout_seconds=4h'], { env });
    expect(badNumber).toMatchObject({ code: 2, stdout: '' });
    expect(badNumber.stderr).toContain('soar run: --input approval_timeout_seconds=4h: input approval_timeout_seconds is a number');

    const badBoolean = await runSoar(['run', 'contain-alert-machine', '--input', `alert_id=${MEDIUM_ALERT}`, '--input', 'allow_inactive=yes'], { env });
    expect(badBoolean.code).toBe(2);
    expect(badBoolean.stderr).toContain('input allow_inactive is a boolean (true or false)');
  });

  it('a list from commas and repeats, numbers parsed: the run stores exactly the typed inputs', async () => {
    const start = await runSoar(
      ['run', 'contain-alert-machine', '--input', `alert_id=${MEDIUM_ALERT}`, '--input', 'approvers=role:approver,role:admin', '--input', 'approvers=role:admin', '--input', 'approval_timeout_seconds=600', '--input', 'allow_inactive=true'],
      { env },
    );
    expect(start.code).toBe(0);
    const runId = start.stdout.trim();
    const run = (await (await fetch(`${stack.apiUrl}/runs/${runId}?view=summary`)).json()) as { inputs: Record<string, unknown> };
    expect(run.inputs).toMatchObject({ alert_id: MEDIUM_ALERT, approvers: ['role:approver', 'role:admin', 'role:admin'], approval_timeout_seconds: 600, allow_inactive: true });
    expect((await runSoar(['cancel', runId], { env })).code).toBe(0);
  });

  it('bad filters and unknown ids: the API’s messages, exit 2', async () => {
    const status = await runSoar(['runs', '--status', 'sideways'], { env });
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('query.status');
    const limit = await runSoar(['runs', '--limit', '0'], { env });
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain('--limit 0: expected a whole number from 1 to 200');
    const unknown = await runSoar(['approve', '00000000-0000-4000-8000-000000000000'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('[APPROVAL_NOT_FOUND]');
    const unknownPlaybook = await runSoar(['run', 'no-such-playbook'], { env });
    expect(unknownPlaybook.code).toBe(2);
    expect(unknownPlaybook.stderr).toMatch(/^soar run: .*no-such-playbook.* \[PLAYBOOK_NOT_FOUND\]/);
  });
});
