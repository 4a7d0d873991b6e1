import { ActionError, type ActionHandler, type JsonValue } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import type { PlaybookDefinition, StepDefinition } from '@soar/playbook';
import { RunAdvancer } from './run-advancer';
import { StepExecutor } from './step-executor';
import { InMemoryRunStore } from './testing/in-memory-run.store';
import { InMemoryScheduler } from './testing/in-memory-scheduler';

/**
 * Where secrets flow at run time (issue 12, items 1–3): expressions see them only in parameters
 * an action declares as credentials, and nothing stored — parameters, outputs, errors, attempt
 * history, events — holds a secret or a value computed from one. These playbooks are built
 * directly (as a version stored before the save-time rule would be), so the run-time backstop is
 * what is tested here.
 */
const TOKEN = 'tok-3f9a1c77e2';

const step = (id: string, action: string, withParams: Record<string, JsonValue>, extra: Partial<StepDefinition> = {}): StepDefinition =>
  ({ id, action, with: withParams, needs: [], retry: { attempts: 1, backoff: 'fixed', delay_seconds: 1, max_delay_seconds: 1 }, on_error: 'fail', ...extra }) as StepDefinition;

const playbook = (steps: StepDefinition[], outputs: Record<string, string> = {}): PlaybookDefinition =>
  ({ name: 'p', title: 'p', description: '', tags: [], connection: 'default', inputs: [], triggers: [{ type: 'manual' }], steps, on_failure: [], outputs }) as unknown as PlaybookDefinition;

async function run(definition: PlaybookDefinition, handlers: Map<string, ActionHandler>) {
  const store = new InMemoryRunStore();
  const scheduler = new InMemoryScheduler();
  const advancer = new RunAdvancer({ store, scheduler });
  const executor = new StepExecutor({ store, scheduler, catalog: actionCatalog, handlers, workerId: 'w', clock: scheduler.clock, secrets: { SOC_TOKEN: TOKEN } });
  store.addRun('run-1', definition, {});
  await scheduler.enqueueAdvance('run-1', 'start');
  for (let job = scheduler.take(); job; job = scheduler.take()) {
    if (job.kind === 'advance') await advancer.advance(job.runId);
    else await executor.execute(job.runId, job.stepId);
  }
  const stored = JSON.stringify({ run: store.run('run-1'), attempts: store.attempts, events: store.events });
  return { result: store.run('run-1'), stored, store };
}

const sent: JsonValue[] = [];
const webhook: ActionHandler = {
  // Echoes the header back, as a misbehaving receiver would.
  execute: async (params) => {
    sent.push(params);
    return { kind: 'done', output: { status: 200, headers: {}, body: { echoed: (params as { headers: Record<string, string> }).headers } } };
  },
};
const handlers = () => new Map<string, ActionHandler>([['core.webhook', webhook], ['core.fail', { execute: async (p) => { throw new ActionError('PLAYBOOK_FAILED', (p as { message: string }).message, false); } }], ['core.set', { execute: async (p) => ({ kind: 'done', output: (p as { values: JsonValue }).values }) }]]);
const hook = (headers: Record<string, string>, body: JsonValue = { text: 'hi' }) => step('post', 'core.webhook', { url: 'https://hooks.example.com/x', headers, body });

describe('secrets at run time', () => {
  beforeEach(() => (sent.length = 0));

  it('sends a secret in a webhook header but stores the parameter, and its echo, only masked', async () => {
    const { result, stored } = await run(playbook([hook({ Authorization: 'Bearer ${{ secrets.SOC_TOKEN }}', 'X-Upper': '${{ secrets.SOC_TOKEN.upper() }}' })]), handlers());
    expect(result.snapshot.steps[0]!.error).toBeNull();
    expect(result.snapshot.run.status).toBe('succeeded');
    expect(sent[0]).toMatchObject({ headers: { Authorization: `Bearer ${TOKEN}`, 'X-Upper': TOKEN.toUpperCase() } });
    expect(result.snapshot.steps[0]!.output).toEqual({ status: 200, headers: {}, body: { echoed: { Authorization: 'Bearer ***', 'X-Upper': '***' } }, result: 'done' });
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain(TOKEN.toUpperCase());
    expect(stored).toContain('"Authorization":"Bearer ***"');
  });

  it.each([
    ['a webhook body, through upper()', playbook([hook({}, { text: '${{ secrets.SOC_TOKEN.upper() }}' })])],
    ['a webhook body, split into characters', playbook([hook({}, { text: "${{ secrets.SOC_TOKEN.split('') }}" })])],
    ['core.fail message', playbook([step('stop', 'core.fail', { message: 'token is ${{ secrets.SOC_TOKEN.substring(1, 12) }}' })])],
    ['core.set values', playbook([step('keep', 'core.set', { values: { t: '${{ secrets.SOC_TOKEN }}' } })])],
    ['an if', playbook([step('post', 'core.webhook', { url: 'https://hooks.example.com/x' }, { if: "secrets.SOC_TOKEN.startsWith('tok')" })])],
  ])('refuses a secret in %s: the step fails with secret_not_allowed and nothing is sent', async (_, definition) => {
    const { result, stored } = await run(definition, handlers());
    expect(result.snapshot.run.status).toBe('failed');
    expect(result.snapshot.steps[0]!.error).toMatchObject({ code: 'secret_not_allowed' });
    expect(sent).toHaveLength(0);
    expect(stored).not.toContain(TOKEN.slice(1, 12));
    expect(stored).not.toContain(TOKEN.toUpperCase());
  });

  it('withholds the evaluation error of an expression that reads a secret (int() would quote it)', async () => {
    const { result, stored } = await run(playbook([hook({ 'X-Id': '${{ string(int(secrets.SOC_TOKEN)) }}' })]), handlers());
    expect(result.snapshot.run.status).toBe('failed');
    expect(result.snapshot.steps[0]!.error).toMatchObject({ code: 'expression_failed', message: expect.stringContaining('withheld') });
    expect(stored).not.toContain(TOKEN);
  });

  it('masks a secret that reaches an error message some other way (an action echoing its input)', async () => {
    const leaky = new Map<string, ActionHandler>([
      ['core.webhook', { execute: async (p) => { throw new ActionError('WEBHOOK_HTTP_400', `rejected ${JSON.stringify(p)}`, false); } }],
    ]);
    const { result, stored } = await run(playbook([hook({ Authorization: '${{ secrets.SOC_TOKEN }}', 'X-Low': '${{ secrets.SOC_TOKEN.lower() }}z' })]), leaky);
    expect(result.snapshot.run.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'WEBHOOK_HTTP_400' });
    expect(stored).not.toContain(TOKEN);
    expect(stored).toContain('rejected');
  });

  it('never evaluates secrets in run outputs', async () => {
    const { result, stored } = await run(playbook([step('keep', 'core.set', { values: { a: 1 } })], { leaked: '${{ secrets.SOC_TOKEN }}' }), handlers());
    expect(result.snapshot.run.status).toBe('succeeded');
    expect(result.outputs).toEqual({ leaked: null });
    expect(stored).not.toContain(TOKEN);
  });
});
