import { runSoar } from './testing/run-soar';
import { startStubApi, unusedApiUrl, type StubApi } from './testing/stub-api';

// `soar run` as a child process against a stub API whose run moves on with each poll, for the
// outcomes the real stack makes hard to arrange (a failed run, a run that never ends).

const RUN_ID = '6f1d0c2e-3b6a-4f57-9d43-2c1b0a9e8d7f';

const step = (id: string, status: string, extra: object = {}) => ({ id, action: 'core.set', status, attempts: status === 'pending' ? 0 : 1, output: null, error: null, waitingFor: null, ...extra });
const playbookDetail = {
  name: 'p',
  title: 'P',
  enabled: true,
  version: 3,
  sha256: 'a'.repeat(64),
  savedBy: 'local-admin',
  savedAt: '2026-12-01T12:00:00.000Z',
  inputs: [{ name: 'n', type: 'number', label: 'N', required: false, order: 0 }],
  inputRules: [],
  triggers: [],
  definition: {},
  source: 'name: p',
};
const run = (status: string, steps: object[], extra: object = {}) => ({ id: RUN_ID, playbook: 'p', version: 3, status, outcome: null, reason: null, error: null, steps, ...extra });

describe('soar run (child process, stub API)', () => {
  let api: StubApi;
  /** GET /runs/{id} answers, one per poll; the last one repeats. */
  let polls: object[];
  const soar = (...args: string[]) => runSoar(args, { env: { SOAR_API_URL: api.url } });

  beforeAll(async () => {
    api = await startStubApi((req) => {
      if (req.method === 'POST') return { status: 202, body: { runId: RUN_ID, playbook: 'p', version: 3, status: 'queued' } };
      if (req.path === '/api/playbooks/p') return { status: 200, body: playbookDetail };
      if (req.path === '/api/approvals') return { status: 200, body: { items: [] } };
      return { status: 200, body: polls.length > 1 ? polls.shift() : polls[0] };
    });
  });
  afterAll(() => api?.close());

  it('prints the run id alone without --follow', async () => {
    polls = [];
    expect(await soar('run', 'p', '--input', 'n=1')).toEqual({ code: 0, stdout: `${RUN_ID}\n`, stderr: '' });
    // The declared number input is sent as a number.
    expect(JSON.parse(api.requests.at(-1)!.body)).toEqual({ inputs: { n: 1 } });
  });

  it('follows a failing run step by step and exits 1', async () => {
    polls = [
      run('running', [step('a', 'running'), step('b', 'pending')]),
      run('running', [step('a', 'succeeded'), step('b', 'running', { attempts: 2 })]),
      run('failed', [step('a', 'succeeded'), step('b', 'failed', { attempts: 2, error: { code: 'DEFENDER_FORBIDDEN', message: 'missing Machine.Isolate' } })], { reason: 'step b failed' }),
    ];
    const res = await soar('run', 'p', '--follow');
    expect(res.stdout.split('\n')).toEqual([
      `run ${RUN_ID} started: p v3`,
      'step a: running',
      `run ${RUN_ID}: running`,
      'step a: succeeded',
      'step b: running (attempt 2)',
      'step b: failed (attempt 2): DEFENDER_FORBIDDEN: missing Machine.Isolate',
      `run ${RUN_ID} failed: step b failed`,
      '',
    ]);
    expect(res.code).toBe(1);
  });

  it('exits 2 when --timeout passes first', async () => {
    polls = [run('waiting', [step('approve', 'waiting', { waitingFor: { reason: 'approval', resumeAt: '2026-12-01T16:00:00.000Z' } })])];
    const res = await soar('run', 'p', '--follow', '--timeout', '1.5');
    expect(res.stdout).toBe(`run ${RUN_ID} started: p v3\nstep approve: waiting (approval until 2026-12-01T16:00:00.000Z)\nrun ${RUN_ID}: waiting\n`);
    expect(res.stderr).toBe(`soar run: stopped following run ${RUN_ID} after 1.5 s (it is waiting); the run itself goes on\n`);
    expect(res.code).toBe(2);
  });

  it('names the URL it tried when the API is not running (exit 2)', async () => {
    const down = await unusedApiUrl();
    const res = await runSoar(['run', 'p', '--follow'], { env: { SOAR_API_URL: down } });
    expect(res.stderr).toBe(`soar run: cannot reach the SOAR API at ${down}/playbooks/p (ECONNREFUSED); is it running? Set --api or SOAR_API_URL to its URL.\n`);
    expect(res.code).toBe(2);
  });
});
