import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startE2eStack, type E2eStack } from '../e2e-stack';
import { http } from '../http';
import { runFuzz } from './fuzz-harness';
import { mutatedRequestCases } from './request-mutations';

/**
 * Issue 12, "Done when": seeded mutated JSON bodies, query strings and headers against the running
 * API (with API keys and a signed intake webhook, so requests reach validation past the guards)
 * must never get a 5xx, never go unanswered, and leave the process serving. A longer run:
 *   FUZZ_SEED=$RANDOM FUZZ_REQUESTS=50000 npx jest apps/api/e2e/fuzz/requests
 */
const SEED = process.env.FUZZ_SEED ?? '20261201';
const COUNT = Number(process.env.FUZZ_REQUESTS ?? 2000);
const API_KEY = 'fuzz-key-0123456789abcdef';
const INTAKE_SECRET = 'fuzz-intake-secret-0123456789';
const PLAYBOOK = 'enrich-alert';

describe(`fuzz: ${COUNT} mutated JSON bodies, query strings and headers (seed ${SEED})`, () => {
  let stack: E2eStack;
  beforeAll(async () => {
    // Per-identity limits off (0): the fuzz is for the handlers behind them, which 429s would hide.
    stack = await startE2eStack({ workers: 0, env: { API_KEYS: `fuzzer:admin=${API_KEY}`, INTAKE_WEBHOOK_SECRET: INTAKE_SECRET, API_RATE_LIMIT_PER_MINUTE: '0', RUN_STARTS_PER_MINUTE: '0' } });
    const yaml = readFileSync(path.resolve(__dirname, '../../../../workflows', `${PLAYBOOK}.yaml`), 'utf8');
    const saved = await http('POST', `${stack.apiUrl}/playbooks`, yaml, { authorization: `Bearer ${API_KEY}` });
    expect(saved.status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers every one below 500, in time, and keeps serving', async () => {
    const report = await runFuzz(new URL(stack.apiUrl).origin, mutatedRequestCases(SEED, COUNT, { apiKey: API_KEY, intakeSecret: INTAKE_SECRET, playbook: PLAYBOOK }));
    expect(report.sent).toBe(COUNT);
    expect(report.serverErrors).toEqual([]);
    expect(report.timeouts).toEqual([]);
    expect(report.failures).toEqual([]);
    // The mutations reach validation (400), the key check (401) and the services behind them (2xx, 404).
    expect(report.statuses[400]).toBeGreaterThan(0);
    expect(report.statuses[401]).toBeGreaterThan(0);
    expect(report.statuses[404]).toBeGreaterThan(0);
    expect(Object.keys(report.statuses).some((status) => Number(status) >= 200 && Number(status) < 300)).toBe(true);
    expect((await http('GET', `${stack.apiUrl}/health`)).status).toBe(200);
  }, 600_000);
});
