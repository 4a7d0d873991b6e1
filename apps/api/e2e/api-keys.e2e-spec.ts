import { spawnApp, testDatabaseUrl, testRedisUrl } from '@soar/testing';
import { readAlertPlaybook } from './playbooks';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

const ALICE_KEY = 'alice-key-0123456789abcdef';
const BOB_KEY = 'bob-key-fedcba9876543210';

/** Starts the API process with `API_KEYS` and returns its exit code and output (it must refuse to start). */
async function startApiWith(apiKeys: string): Promise<{ code: number | null; output: string }> {
  const api = spawnApp('apps/api/src/main.ts', { API_KEYS: apiKeys, PORT: '0', DATABASE_URL: testDatabaseUrl, REDIS_URL: testRedisUrl });
  const code = await new Promise<number | null>((resolve) => api.child.once('exit', resolve));
  return { code, output: api.output() };
}

describe('API keys at start', () => {
  it.each([
    ['alice:admin=', 'entry 1 (alice) has an empty key'],
    ['alice', 'entry 1 has no "="'],
    [`alice:admin=${ALICE_KEY},alice:viewer=${BOB_KEY}`, 'entries 1 and 2 have the same name alice'],
    [`alice:admin=${ALICE_KEY},bob:viewer=${ALICE_KEY}`, 'entries 1 (alice) and 2 (bob) have the same key'],
    [`alice:admin=${ALICE_KEY},bob=${BOB_KEY}`, 'entry 2 (bob) has no role: give each key its roles, e.g. API_KEYS="alice:admin=<key>,ana:analyst+approver=<key>,vic:viewer=<key>"'],
    [`alice:admn=${ALICE_KEY}`, 'entry 1 (alice) has an unknown role admn (roles: admin, author, analyst, approver, viewer)'],
  ])('API_KEYS=%s refuses to start, naming the variable and the entry, never the key', async (apiKeys, message) => {
    const { code, output } = await startApiWith(apiKeys);
    expect(code).toBe(1);
    expect(output).toContain(`API_KEYS: ${message}`);
    expect(output).not.toContain(ALICE_KEY);
    expect(output).not.toContain(BOB_KEY);
    expect(output).not.toContain('listening');
  });
});

describe('API keys on requests', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0, env: { API_KEYS: `alice:viewer=${ALICE_KEY}, bob:author=${BOB_KEY}` } });
  });
  afterAll(async () => {
    await stack?.stop();
  });
  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  it('records the key name as the actor and refuses requests without a valid key', async () => {
    const saved = await http('POST', `${stack.apiUrl}/playbooks`, readAlertPlaybook(), as(BOB_KEY));
    expect(saved.status).toBe(201);
    expect(saved.body.savedBy).toBe('bob');

    for (const headers of [{}, as('wrong-key'), as(''), { authorization: ALICE_KEY }, as(ALICE_KEY.slice(0, -1))]) {
      const res = await http('GET', `${stack.apiUrl}/playbooks`, undefined, headers);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'UNAUTHORIZED', correlationId: expect.any(String) });
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect((await http('GET', `${stack.apiUrl}/playbooks`, undefined, as(ALICE_KEY))).status).toBe(200);
  });

  it('answers 401 before reading the body: malformed, huge or mistyped bodies without a key change nothing', async () => {
    const post = (body: string | Uint8Array, contentType: string) =>
      fetch(`${stack.apiUrl}/playbooks/read-alert/runs`, { method: 'POST', headers: { 'content-type': contentType }, body });
    for (const res of [
      await post('{"inputs": ', 'application/json'),
      await post(new Uint8Array(8 * 1024 * 1024).fill(0x7b), 'application/json'),
      await post('name: x', 'text/csv'),
    ]) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    }
    const yaml = await fetch(`${stack.apiUrl}/playbooks`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: `# ${'x'.repeat(1024 * 1024)}` });
    expect(yaml.status).toBe(401);
    expect(await stack.db.run.count()).toBe(0);
  });

  it('serves health and the API documentation without a key', async () => {
    expect((await http('GET', `${stack.apiUrl}/health`)).status).toBe(200);
    expect((await http('GET', `${stack.apiUrl}/openapi.json`)).status).toBe(200);
    expect((await http('GET', `${stack.apiUrl}/docs`)).status).toBe(200);
  });
});
