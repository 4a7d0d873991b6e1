import type { PlaybookDefinition, StepDefinition } from '@soar/playbook';
import type { RunSnapshot } from './ports/run-store';
import { stepRunAs } from './step-run-as';

const step = (id: string, action: string, extra: Partial<StepDefinition> = {}): StepDefinition => ({
  id, action, with: {}, needs: [], retry: { attempts: 1, backoff: 'fixed', delay_seconds: 0, max_delay_seconds: 0 }, on_error: 'fail', ...extra,
});

const definition = (runAs?: 'starter' | 'approver' | 'app'): PlaybookDefinition => ({
  name: 'p', title: 'p', description: '', tags: [], connection: 'default', inputs: [], triggers: [{ type: 'manual' }], outputs: {}, on_failure: [],
  ...(runAs ? { run_as: runAs } : {}),
  steps: [
    step('approve', 'core.approval'),
    step('note', 'core.set', { needs: ['approve'] }),
    step('isolate', 'defender.machine.isolate', { needs: ['note'] }),
    step('scan', 'defender.machine.av_scan', { run_as: 'approver' }),
    step('tag', 'defender.machine.add_tag', { run_as: 'app' }),
  ],
});

const snapshot = (def: PlaybookDefinition, trigger: unknown): RunSnapshot =>
  ({ run: { id: 'r', status: 'running', inputs: {}, trigger, startedBy: 'ana', playbookName: 'p', playbookVersion: 1, startedAt: null }, definition: def, steps: [] }) as RunSnapshot;

const of = (def: PlaybookDefinition, id: string, trigger: unknown = { type: 'manual' }) => stepRunAs(snapshot(def, trigger), def.steps.find((s) => s.id === id)!);

describe('stepRunAs: whose identity a step acts with', () => {
  it.each([
    ['the step default is the app', definition(), 'isolate', { type: 'manual' }, { mode: 'app' }],
    ['the playbook run_as applies to Defender steps', definition('starter'), 'isolate', { type: 'manual' }, { mode: 'starter' }],
    ['a step run_as overrides the playbook', definition('starter'), 'tag', { type: 'manual' }, { mode: 'app' }],
    ['non-Defender steps always act as the app', definition('starter'), 'note', { type: 'manual' }, { mode: 'app' }],
    ['alert-triggered runs have no starter: the app', definition('starter'), 'isolate', { type: 'alert' }, { mode: 'app' }],
    ['scheduled runs have no starter: the app', definition('starter'), 'isolate', { type: 'schedule' }, { mode: 'app' }],
    ['sub-playbook runs keep starter (no token: the step fails; never the app)', definition('starter'), 'isolate', { type: 'sub-playbook' }, { mode: 'starter' }],
    ['approver names the nearest approval it depends on, through other steps', definition('approver'), 'isolate', { type: 'alert' }, { mode: 'approver', approvalStepId: 'approve' }],
    ['approver without an approval keeps approver (the handler fails; never the app)', definition(), 'scan', { type: 'manual' }, { mode: 'approver' }],
  ])('%s', (_name, def, id, trigger, expected) => {
    expect(of(def, id, trigger)).toEqual(expected);
  });
});
