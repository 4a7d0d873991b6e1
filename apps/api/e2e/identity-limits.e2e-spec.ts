import { randomBytes } from 'node:crypto';
import { SEED } from '@soar/defender-sim';
import { readAlertPlaybook } from './playbooks';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

const A = randomBytes(32).toString('hex');
const B = randomBytes(32).toString('hex');

/** Per-identity limits on the real Redis: requests a minute and run starts a minute, each a 429 with Retry-After for that identity only. */
describe('per-identity limits', () => {
  let stack: E2eStack;
  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const start = (key: string) => http('POST', `${stack.apiUrl}/playbooks/read-alert/runs`, { inputs: { alert_id: SEED.alerts.credentialTheftOnDomainController } }, as(key));
  afterEach(() => stack?.stop());

  it('caps runs started a minute per identity (RUN_STARTS_PER_MINUTE), another identity still starts, and the refusal is audited', async () => {
    stack = await startE2eStack({ workers: 0, env: { API_KEYS: `amy:admin=${A},ben:analyst=${B}`, RUN_STARTS_PER_MINUTE: '2' } });
    expect((await http('POST', `${stack.apiUrl}/playbooks`, readAlertPlaybook(), as(A))).status).toBe(201);
    expect((await start(B)).status).toBe(202);
    expect((await start(B)).status).toBe(202);
    const third = await start(B);
    expect(third.status).toBe(429);
    expect(third.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: 'ben started 2 runs this minute (RUN_STARTS_PER_MINUTE)' });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await start(A)).status).toBe(202);
    expect(await stack.db.run.count()).toBe(3);
    // Reading is not starting: ben may still list runs.
    expect((await http('GET', `${stack.apiUrl}/runs`, undefined, as(B))).status).toBe(200);
    const audit = (await http('GET', `${stack.apiUrl}/audit?actor=ben`, undefined, as(A))).body.items;
    expect(audit.map((r: any) => r.status)).toEqual([429, 202, 202]);
  });

  it('caps requests a minute per identity (API_RATE_LIMIT_PER_MINUTE) with Retry-After, leaving other identities alone', async () => {
    stack = await startE2eStack({ workers: 0, env: { API_KEYS: `amy:admin=${A},ben:viewer=${B}`, API_RATE_LIMIT_PER_MINUTE: '5' } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await http('GET', `${stack.apiUrl}/runs`, undefined, as(B))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await http('GET', `${stack.apiUrl}/playbooks`, undefined, as(B));
    expect(limited.body.error.message).toBe('ben made more than 5 requests this minute (API_RATE_LIMIT_PER_MINUTE)');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await http('GET', `${stack.apiUrl}/runs`, undefined, as(A))).status).toBe(200);
    // The health probe is public: never limited.
    for (let i = 0; i < 3; i++) expect((await http('GET', `${stack.apiUrl}/health`, undefined, as(B))).status).toBe(200);
  });
});
