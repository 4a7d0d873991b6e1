import { actionCatalog } from '@soar/defender';
import { parsePlaybook } from '../parse-playbook';
import { planAlertRuns } from './plan-alert-runs';

const playbook = (triggers: string) => {
  const parsed = parsePlaybook(
    `name: p
title: P
inputs: { alert_id: { type: string, format: alert_id, required: true }, note: { type: string, default: hi } }
triggers:
${triggers}
steps: [ { id: get_alert, action: defender.alert.get, with: { alert_id: "\${{ inputs.alert_id }}" } } ]
`,
    { catalog: actionCatalog },
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.playbook;
};
const alert = { id: 'da1_2', severity: 'High', title: 'Ransomware behavior' };
const first = { alertId: 'da1_2', version: '2026-01-01T00:00:00Z', firstSeen: true };
const later = { alertId: 'da1_2', version: '2026-01-01T00:05:00Z', firstSeen: false };

describe('planAlertRuns', () => {
  it('fires a creation trigger once per alert, whatever the version, with the alert id as the alert_id input', () => {
    const p = playbook('  - { type: alert, match: { severity: [High] } }');
    expect(planAlertRuns(p, alert, first)).toEqual([{ triggerIndex: 0, occurrence: 'once', inputs: { alert_id: 'da1_2' } }]);
    // A later version gets the same key, so the unique constraint drops it.
    expect(planAlertRuns(p, alert, later)).toEqual([{ triggerIndex: 0, occurrence: 'once', inputs: { alert_id: 'da1_2' } }]);
  });

  it('fires an `on: [created, updated]` trigger once per version', () => {
    const p = playbook('  - { type: alert, on: [created, updated] }');
    expect(planAlertRuns(p, alert, first).map((r) => r.occurrence)).toEqual([first.version]);
    expect(planAlertRuns(p, alert, later).map((r) => r.occurrence)).toEqual([later.version]);
  });

  it('fires an `on: [updated]` trigger only for versions after the first', () => {
    const p = playbook('  - { type: alert, on: [updated] }');
    expect(planAlertRuns(p, alert, first)).toEqual([]);
    expect(planAlertRuns(p, alert, later)).toHaveLength(1);
  });

  it('skips triggers whose rules do not hold, and manual and schedule triggers', () => {
    const p = playbook('  - { type: manual }\n  - { type: schedule, cron: "0 * * * *" }\n  - { type: alert, match: { severity: [Low] } }\n  - { type: alert, match: { title: ["*ransom*"] } }');
    expect(planAlertRuns(p, alert, first).map((r) => r.triggerIndex)).toEqual([3]);
  });

  it('rejects a bad cron and an unknown time zone when the playbook is saved', () => {
    const parsed = parsePlaybook(
      'name: p\ntitle: P\ntriggers: [ { type: schedule, cron: "61 * * * *", timezone: Mars/Olympus } ]\nsteps: [ { id: s, action: core.set, with: { values: { a: 1 } } } ]\n',
      { catalog: actionCatalog },
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.path, p.message])).toEqual(
      expect.arrayContaining([
        ['triggers[0].cron', expect.stringContaining('is not a cron expression')],
        ['triggers[0].timezone', expect.stringContaining('is not an IANA time zone')],
      ]),
    );
  });
});
