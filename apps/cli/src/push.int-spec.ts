import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runSoar } from './testing/run-soar';
import { startStubApi, unusedApiUrl, type StubAnswer, type StubApi } from './testing/stub-api';

// `soar push` as a child process against a stub API in this process (hence the async runSoar).
// The real API is exercised by push-and-run.e2e-spec.ts.

const TOKEN = 'tok-3f9a-never-print-me';

describe('soar push (child process, stub API)', () => {
  let dir: string;
  let api: StubApi;
  let answers: StubAnswer[];
  const soar = (args: string[], env: Record<string, string> = {}) =>
    runSoar(args, { cwd: dir, env: { SOAR_API_URL: api.url, SOAR_API_TOKEN: TOKEN, ...env } });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'soar-push-'));
    mkdirSync(path.join(dir, 'good'));
    copyFileSync(path.join(repoRoot, 'workflows/isolate-alert-machine.yaml'), path.join(dir, 'good/isolate.yaml'));
    writeFileSync(path.join(dir, 'broken.yaml'), 'name: broken\ntitle: Broken\nsteps:\n  - id: a\n    action: defender.nope\n');
    api = await startStubApi(() => answers.shift() ?? { status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'no answer scripted', correlationId: 'x' } } });
  });
  beforeEach(() => {
    api.requests.length = 0;
    answers = [];
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each file unchanged as YAML with the API key and prints name vN (created|unchanged)', async () => {
    answers.push({ status: 201, body: { name: 'isolate-alert-machine', version: 1, created: true } });
    expect(await soar(['push', 'good/isolate.yaml'])).toEqual({ code: 0, stdout: 'isolate-alert-machine v1 (created)\n', stderr: '' });
    expect(api.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/playbooks',
        body: readFileSync(path.join(dir, 'good/isolate.yaml'), 'utf8'),
        headers: expect.objectContaining({ 'content-type': 'application/yaml', authorization: `Bearer ${TOKEN}` }),
      }),
    ]);

    answers.push({ status: 200, body: { name: 'isolate-alert-machine', version: 1, created: false } });
    expect(await soar(['push', 'good'])).toEqual({ code: 0, stdout: 'isolate-alert-machine v1 (unchanged)\n', stderr: '' });
  });

  it('pushes nothing when any file fails the local check', async () => {
    const res = await soar(['push', 'good', 'broken.yaml']);
    expect(res.stdout).toBe('broken.yaml:5:13: unknown action `defender.nope` [unknown_action]\n2 files checked: 1 error, 0 warnings; nothing pushed\n');
    expect(res.code).toBe(1);
    expect(api.requests).toEqual([]);
  });

  it('prints the problems the API reports as file:line:column', async () => {
    answers.push({
      status: 400,
      body: {
        error: {
          code: 'INVALID_PLAYBOOK',
          message: 'the playbook has problems',
          correlationId: 'c-1',
          problems: [{ path: 'steps[1].with.comment', message: 'unknown secret `x`', line: 30, column: 16, code: 'unknown_secret' }],
        },
      },
    });
    const res = await soar(['push', 'good/isolate.yaml']);
    expect(res.stdout).toBe('good/isolate.yaml:30:16: unknown secret `x` [unknown_secret]\n1 playbook of 1 rejected by the API\n');
    expect(res.code).toBe(1);
  });

  it('explains a refused API key without printing it (exit 2)', async () => {
    answers.push({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'send a valid API key as Authorization: Bearer <key>', correlationId: 'c-2' } } });
    const res = await soar(['push', 'good/isolate.yaml']);
    expect(res.stderr).toBe(
      `soar push: HTTP 401 from ${api.url}/playbooks: send a valid API key as Authorization: Bearer <key> [UNAUTHORIZED]; the API key was not accepted: set SOAR_API_TOKEN (or --token)\n`,
    );
    expect(res.stdout + res.stderr).not.toContain(TOKEN);
    expect(res.code).toBe(2);
  });

  it('names the URL it tried when the API is not running (exit 2)', async () => {
    const down = await unusedApiUrl();
    const res = await soar(['push', 'good/isolate.yaml', '--api', down, '--token', 'flag-token-secret']);
    expect(res.stderr).toBe(`soar push: cannot reach the SOAR API at ${down}/playbooks (ECONNREFUSED); is it running? Set --api or SOAR_API_URL to its URL.\n`);
    expect(res.stdout).toBe('');
    expect(res.stderr).not.toContain('flag-token-secret');
    expect(res.code).toBe(2);
  });
});
