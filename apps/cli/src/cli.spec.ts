import { runCli } from './cli';
import { captureContext } from './testing/capture-context';

const RUN_ID = '0b5f3c1e-8a43-4d8e-9a53-3f0c7a1d2e10';

/** The playbook's declared inputs (GET /playbooks/{name}), then `body` for the request after it. */
function stubPlaybookThen(status: number, body: unknown) {
  const detail = {
    name: 'isolate-alert-machine',
    title: 'Isolate',
    enabled: true,
    version: 1,
    sha256: 'a'.repeat(64),
    savedBy: 'local-admin',
    savedAt: '2026-12-01T12:00:00.000Z',
    inputs: [
      { name: 'alert_id', type: 'string', label: 'Alert id', required: true, order: 0 },
      { name: 'limit', type: 'number', label: 'Limit', required: false, order: 1 },
      { name: 'dry', type: 'boolean', label: 'Dry run', required: false, order: 2 },
    ],
    inputRules: [],
    triggers: [],
    definition: {},
    source: 'name: isolate-alert-machine',
  };
  return jest
    .spyOn(globalThis, 'fetch')
    .mockImplementationOnce(async () => new Response(JSON.stringify(detail), { status: 200, headers: { 'content-type': 'application/json' } }))
    .mockImplementation(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

afterEach(() => jest.restoreAllMocks());

describe('soar (argument handling)', () => {
  it('prints help for soar, soar help, --help and each command', async () => {
    for (const argv of [['help'], ['--help'], ['-h']]) {
      const ctx = captureContext();
      expect(await runCli(argv, ctx)).toBe(0);
      expect(ctx.stdout.join('\n')).toContain('Usage: soar <command>');
    }
    for (const command of ['lint', 'push', 'run', 'runs', 'approvals', 'approve', 'reject', 'cancel', 'keys']) {
      for (const argv of [['help', command], [command, '--help'], [command, '-h']]) {
        const ctx = captureContext();
        expect(await runCli(argv, ctx)).toBe(0);
        expect(ctx.stdout.join('\n')).toContain(`Usage: soar ${command}`);
      }
    }
  });

  it('exits 2 with the overview on stderr when no command is given', async () => {
    const ctx = captureContext();
    expect(await runCli([], ctx)).toBe(2);
    expect(ctx.stdout).toEqual([]);
    expect(ctx.stderr.join('\n')).toContain('Usage: soar <command>');
  });

  it.each([
    [['deploy'], 'soar: unknown command deploy. Commands: lint, push, run, runs, approvals, approve, reject, cancel, check, keys, help.'],
    [['help', 'deploy'], 'soar help: no command deploy. Commands: lint, push, run, runs, approvals, approve, reject, cancel, check, keys.'],
    [['help', 'constructor'], 'soar help: no command constructor. Commands: lint, push, run, runs, approvals, approve, reject, cancel, check, keys.'],
    [['toString'], 'soar: unknown command toString. Commands: lint, push, run, runs, approvals, approve, reject, cancel, check, keys, help.'],
  ])('%j is an error', async (argv, message) => {
    const ctx = captureContext();
    expect(await runCli(argv, ctx)).toBe(2);
    expect(ctx.stderr).toEqual([message]);
  });

  it.each([
    [['lint'], 'soar lint: name at least one playbook file or directory'],
    [['lint', '--fix', 'x.yaml'], "soar lint: Unknown option '--fix'"],
    [['push'], 'soar push: name at least one playbook file or directory'],
    [['push', 'x.yaml', '--api'], "soar push: Option '--api <value>' argument missing"],
    [['push', 'x.yaml', '--api', 'localhost:3000'], 'soar push: the API URL localhost:3000 must start with http:// or https://'],
    [['run'], 'soar run: name exactly one playbook'],
    [['run', 'a', 'b'], 'soar run: name exactly one playbook'],
    [['run', 'a', '--input', 'alert_id'], 'soar run: --input alert_id: expected key=value'],
    [['run', 'a', '--timeout', '5'], 'soar run: --timeout only applies with --follow'],
    [['run', 'a', '--follow', '--timeout', 'soon'], 'soar run: --timeout soon: expected a number of seconds > 0'],
    [['run', 'a', '--follow', '--timeout', '0'], 'soar run: --timeout 0: expected a number of seconds > 0'],
    [['run', 'a', '--follow', 'yes'], 'soar run: name exactly one playbook'],
  ])('%j is a usage error (exit 2, no request sent)', async (argv, message) => {
    const fetch = jest.spyOn(globalThis, 'fetch');
    const ctx = captureContext();
    expect(await runCli(argv, ctx)).toBe(2);
    expect(ctx.stderr[0]).toContain(message);
    expect(ctx.stderr[1]).toBe(`Run \`soar help ${argv[0]}\` for usage.`);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends the parsed inputs and prints only the run id without --follow', async () => {
    const fetch = stubPlaybookThen(202, { runId: RUN_ID, playbook: 'isolate-alert-machine', version: 1, status: 'queued' });
    const ctx = captureContext({ SOAR_API_URL: 'http://soar.test/api', SOAR_API_TOKEN: 'k3y' });
    const argv = ['run', 'isolate-alert-machine', '-i', 'alert_id=da1_-2', '--input', 'limit=3', '--input', 'dry=false', '--inputs-json', '{"tags": ["x"]}'];
    expect(await runCli(argv, ctx)).toBe(0);
    expect(ctx.stdout).toEqual([RUN_ID]);
    expect(fetch.mock.calls[0]![0]).toBe('http://soar.test/api/playbooks/isolate-alert-machine');
    const [url, init] = fetch.mock.calls[1]!;
    expect(url).toBe('http://soar.test/api/playbooks/isolate-alert-machine/runs');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ authorization: 'Bearer k3y', 'content-type': 'application/json' });
    expect(JSON.parse(init?.body as string)).toEqual({ inputs: { tags: ['x'], alert_id: 'da1_-2', limit: 3, dry: false } });
  });

  it('reports rejected inputs field by field (exit 2)', async () => {
    stubPlaybookThen(400, {
      error: { code: 'INVALID_INPUTS', message: 'the inputs do not fit the playbook', correlationId: 'c1', problems: [{ path: 'inputs.alert_id', message: 'is required', code: 'invalid_input' }] },
    });
    const ctx = captureContext();
    expect(await runCli(['run', 'isolate-alert-machine'], ctx)).toBe(2);
    expect(ctx.stderr).toEqual(['soar run: the inputs do not fit the playbook [INVALID_INPUTS]', '  inputs.alert_id: is required [invalid_input]']);
  });
});
