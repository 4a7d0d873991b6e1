import { playbookReadiness } from './playbook-readiness';

const verdict = (action: string, missing: string[]) => ({ action, permissions: [], alsoNeeds: [], granted: missing.length === 0, missing });

describe('playbookReadiness', () => {
  const actions = [verdict('defender.alert.get', []), verdict('defender.machine.isolate', ['Machine.Read.All or Machine.ReadWrite.All']), verdict('defender.alert.update', ['Alert.ReadWrite.All'])];

  it('a playbook is runnable when every Defender step is permitted (core steps need nothing)', () => {
    const [ok] = playbookReadiness([{ name: 'read', version: 2, enabled: true, steps: [{ id: 'a', action: 'defender.alert.get' }, { id: 'w', action: 'core.wait' }], on_failure: [] }], actions);
    expect(ok).toEqual({ playbook: 'read', version: 2, enabled: true, runnable: true, missing: [] });
  });

  it('lists each refused step, on_failure steps included, with what to grant', () => {
    const [bad] = playbookReadiness(
      [{ name: 'contain', version: 1, enabled: false, steps: [{ id: 'a', action: 'defender.alert.get' }, { id: 'iso', action: 'defender.machine.isolate' }], on_failure: [{ id: 'note', action: 'defender.alert.update' }] }],
      actions,
    );
    expect(bad).toEqual({
      playbook: 'contain',
      version: 1,
      enabled: false,
      runnable: false,
      missing: [
        { step: 'iso', action: 'defender.machine.isolate', missing: ['Machine.Read.All or Machine.ReadWrite.All'] },
        { step: 'note', action: 'defender.alert.update', missing: ['Alert.ReadWrite.All'] },
      ],
    });
  });
});
