import { z } from 'zod';
import { actionCatalog, DEFENDER_ACTION_DEFINITIONS } from './action-catalog';

describe('defender action catalog', () => {
  it('has unique defender.* names, all registered in the catalog', () => {
    const names = DEFENDER_ACTION_DEFINITIONS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^defender\.[a-z_]+\.[a-z_]+$/);
      expect(actionCatalog.get(name)).toBeDefined();
    }
  });

  it('keeps the three original actions and their params', () => {
    const isolate = actionCatalog.get('defender.machine.isolate')!;
    expect(isolate.params.safeParse({ machine_id: 'a'.repeat(40), comment: 'c' }).data).toEqual({
      machine_id: 'a'.repeat(40),
      comment: 'c',
      isolation_type: 'Full',
      on_unsuccessful: 'fail',
      allow_inactive: false,
      cancel_on_timeout: true,
    });
    expect(actionCatalog.get('defender.alert.get')!.params.safeParse({ alert_id: 'da1_2' }).success).toBe(true);
    expect(actionCatalog.get('defender.alert.update')!.params.safeParse({ alert_id: 'da1_2', status: 'Resolved' }).success).toBe(true);
  });

  it('every machine action that sends and waits reports a result in its output', () => {
    for (const name of ['isolate', 'release_isolation', 'av_scan', 'restrict_app_execution', 'unrestrict_app_execution', 'collect_investigation_package', 'stop_and_quarantine_file', 'live_response']) {
      const d = actionCatalog.get(`defender.machine.${name}`)!;
      const json = z.toJSONSchema(d.output, { io: 'output', unrepresentable: 'any' }) as unknown as { properties: { result: { enum: string[] } } };
      expect(json.properties.result.enum).toEqual(['done', 'already', 'adopted', 'conflict', 'failed', 'timed_out', 'cancelled']);
      expect(d.params.safeParse({ machine_id: 'a'.repeat(40), comment: 'c', on_unsuccessful: 'later' }).success).toBe(false);
    }
  });

  it.each(DEFENDER_ACTION_DEFINITIONS.map((d) => [d.name, d] as const))('%s: snake_case params, permissions, JSON Schema', (_name, d) => {
    const schema = z.toJSONSchema(d.params, { io: 'input' }) as { properties?: Record<string, unknown> };
    for (const key of Object.keys(schema.properties ?? {})) expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(d.permissions.length).toBeGreaterThan(0);
    expect(() => z.toJSONSchema(d.output, { io: 'output', unrepresentable: 'any' })).not.toThrow();
  });
});
