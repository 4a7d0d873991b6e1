import type { ActionHandler, JsonValue } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import { parsePlaybook, validateRunInputs } from '@soar/playbook';
import { RunAdvancer } from './run-advancer';
import { StepExecutor } from './step-executor';
import { InMemoryRunStore } from './testing/in-memory-run.store';
import { InMemoryScheduler } from './testing/in-memory-scheduler';

const ALERT = 'da638712004817339522_-1183920117';
const source = `
name: comment-with-note
title: Comment with an optional note
inputs:
  alert_id: { type: string, required: true }
  note: { type: string }
steps:
  - id: comment
    action: defender.alert.update
    with:
      alert_id: \${{ inputs.alert_id }}
      comment: "\${{ coalesce(inputs.note, 'no note') }}"
  - id: only_with_note
    if: inputs.note != null
    needs: [comment]
    action: defender.alert.update
    with: { alert_id: "\${{ inputs.alert_id }}", comment: "note given" }
`;

/** An optional input without a default is null when not given: parsed, checked and run as a user would. */
describe('optional inputs without a default', () => {
  async function run(given: Record<string, JsonValue>) {
    const parsed = parsePlaybook(source, { catalog: actionCatalog });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.warnings).toEqual([]);
    const inputs = validateRunInputs(parsed.playbook, given);
    if (!inputs.ok) throw new Error(JSON.stringify(inputs.problems));
    const comments: JsonValue[] = [];
    const handler: ActionHandler = {
      execute: async (params) => {
        comments.push((params as { comment: JsonValue }).comment);
        return { kind: 'done', output: {} };
      },
    };
    const store = new InMemoryRunStore();
    const scheduler = new InMemoryScheduler();
    const advancer = new RunAdvancer({ store, scheduler });
    const executor = new StepExecutor({ store, scheduler, catalog: actionCatalog, handlers: new Map([['defender.alert.update', handler]]), workerId: 'w', clock: scheduler.clock });
    store.addRun('run-1', parsed.playbook, inputs.values);
    await scheduler.enqueueAdvance('run-1', 'start');
    for (let job = scheduler.take(); job; job = scheduler.take()) {
      if (job.kind === 'advance') await advancer.advance(job.runId);
      else await executor.execute(job.runId, job.stepId);
    }
    return { status: store.run('run-1').snapshot.run.status, comments };
  }

  it('not given: coalesce() falls back and `!= null` is false; the run succeeds', async () => {
    await expect(run({ alert_id: ALERT })).resolves.toEqual({ status: 'succeeded', comments: ['no note'] });
  });

  it('given: the value is used', async () => {
    await expect(run({ alert_id: ALERT, note: 'seen by Bob' })).resolves.toEqual({ status: 'succeeded', comments: ['seen by Bob', 'note given'] });
  });
});
