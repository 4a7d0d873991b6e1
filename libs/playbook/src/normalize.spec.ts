import { readFileSync } from 'node:fs';
import path from 'node:path';
import { actionCatalog } from '@soar/defender';
import { z } from 'zod';
import { parsePlaybook } from './parse-playbook';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__/valid', name), 'utf8');
const parseOk = (text: string, catalog = actionCatalog) => {
  const result = parsePlaybook(text, { catalog });
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.playbook;
};

describe('normalized definition', () => {
  it('fills needs: sequential by default, [] for handlers, explicit lists kept', () => {
    const p = parseOk(fixture('branches-and-join.yaml'));
    expect(p.steps.map((s) => [s.id, s.needs, s.handler])).toEqual([
      ['get_alert', [], false],
      ['isolate', ['get_alert'], false],
      ['isolate_extra', ['get_alert'], false],
      ['mark', ['isolate', 'isolate_extra'], false],
      ['note_failure', [], true],
    ]);
    expect(p.on_failure.map((s) => [s.id, s.needs, s.handler])).toEqual([['report', [], false]]);
  });

  it('skips handler steps when choosing the previous step', () => {
    const p = parseOk(fixture('core-actions.yaml'));
    expect(Object.fromEntries(p.steps.map((s) => [s.id, s.needs]))).toEqual({
      facts: [],
      approve: ['facts'],
      isolate: ['approve'],
      settle: ['isolate'],
      notify: ['isolate', 'settle'],
      deep_scan: ['notify'],
      give_up: [],
    });
  });

  it('fills defaults and unwraps conditions and foreach items', () => {
    const p = parseOk(fixture('branches-and-join.yaml'));
    const [getAlert, isolate, extra] = p.steps;
    expect(getAlert.retry).toEqual({ attempts: 5, backoff: 'fixed', delay_seconds: 10, max_delay_seconds: 60 });
    expect(isolate.retry).toEqual({ attempts: 3, backoff: 'exponential', delay_seconds: 2, max_delay_seconds: 60 });
    expect(isolate.if).toBe("inputs.force || steps.get_alert.output.severity == 'High'");
    expect(isolate.on_error).toEqual({ goto: ['note_failure'] });
    expect(getAlert.on_error).toBe('fail');
    expect(extra.foreach).toEqual({ items: 'inputs.extra_machines', concurrency: 2, as: 'machine' });
    expect(p.connection).toBe('contoso');
    expect(p.triggers[1]).toEqual({ type: 'alert', match: { severity: ['High', 'Medium'], title: ['*ransomware*'] }, on: ['created'] });
  });

  it('defaults connection, triggers, description and collections', () => {
    const p = parseOk(fixture('isolate-alert-machine.yaml'));
    expect(p).toMatchObject({ connection: 'default', triggers: [{ type: 'manual' }], tags: [], on_failure: [], outputs: {} });
    expect(p.inputs).toEqual([{ name: 'alert_id', type: 'string', format: 'alert_id', label: 'Alert id', required: true, order: 0 }]);
  });

  it('accepts if: true/false (to switch a step off) as a constant condition', () => {
    const p = parseOk('name: t\ntitle: T\nsteps:\n  - id: a\n    action: core.wait\n    if: false\n    with: { seconds: 1 }\n');
    expect(p.steps[0].if).toBe('false');
  });

  it('is plain JSON (stored in Postgres and read back unchanged)', () => {
    for (const name of ['branches-and-join.yaml', 'core-actions.yaml', 'isolate-alert-machine.yaml']) {
      const p = parseOk(fixture(name));
      expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    }
  });

  it('takes any catalog', () => {
    const catalog = new Map([
      [
        'test.echo',
        { name: 'test.echo', title: 'Echo', description: '', params: z.strictObject({ text: z.string() }), output: z.null(), permissions: [], sideEffect: false },
      ],
    ]);
    const yaml = (action: string) => `name: t\ntitle: T\nsteps:\n  - id: a\n    action: ${action}\n    with: { text: hi }\n`;
    expect(parseOk(yaml('test.echo'), catalog).steps[0].action).toBe('test.echo');
    const other = parsePlaybook(yaml('defender.alert.get'), { catalog });
    expect(other.ok ? [] : other.problems.map((p) => p.code)).toEqual(['unknown_action']);
  });
});
