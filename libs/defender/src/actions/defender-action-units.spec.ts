import { z } from 'zod';
import { DefenderClient } from '../defender.client';
import { createDefenderActionHandlers, DEFENDER_HANDLER_SPECS } from '../handlers/create-defender-action-handlers';
import { actionCatalog, DEFENDER_ACTION_DEFINITIONS } from './action-catalog';
import { defenderAction, done, type DefenderActionUnit } from './defender-action';
import { DEFENDER_ACTION_UNITS } from './defender-action-units';

const client = new DefenderClient({ name: 'default', tenantId: 't', clientId: 'c', credential: { kind: 'secret', clientSecret: 'never-used' } });

/** Issue 13 item 9: each Defender action is one unit; everything else is derived from it. */
describe('one unit per Defender action', () => {
  const defenderNames = [...actionCatalog.keys()].filter((n) => n.startsWith('defender.'));
  const unitOf = (name: string): DefenderActionUnit[] => DEFENDER_ACTION_UNITS.filter((u) => u.definition.name === name);

  it('every defender.* catalog action has exactly one unit, and the catalog holds that unit’s own definition', () => {
    expect(DEFENDER_ACTION_UNITS).toHaveLength(defenderNames.length);
    for (const name of defenderNames) {
      expect(unitOf(name)).toHaveLength(1);
      expect(actionCatalog.get(name)).toBe(unitOf(name)[0]!.definition);
    }
    expect(DEFENDER_ACTION_DEFINITIONS.map((d) => d.name)).toEqual(defenderNames);
  });

  it('the engine handler of every action is the unit’s, and it runs with the unit’s params schema', () => {
    const handlers = createDefenderActionHandlers(() => client);
    expect([...handlers.keys()].sort()).toEqual([...defenderNames].sort());
    for (const spec of DEFENDER_HANDLER_SPECS) expect(spec).toBe(unitOf(spec.definition.name)[0]!.handler);
    for (const unit of DEFENDER_ACTION_UNITS) expect(unit.handler.definition).toBe(unit.definition);
  });

  it('the permissions the catalog, the docs and the connection check read are the unit’s, with delegated names beside them', () => {
    for (const unit of DEFENDER_ACTION_UNITS) {
      expect(unit.definition.permissions).toEqual([...unit.permissions.needs.app]);
      expect(unit.definition.alsoNeeds).toEqual(unit.permissions.alsoNeeds ? [...unit.permissions.alsoNeeds.app] : undefined);
      expect(unit.permissions.needs.delegated.length).toBeGreaterThan(0);
      // Delegated scopes never carry `.All` except where Defender names them so (File/Ip/URL/User reads, REFERENCE §1.4).
      for (const scope of unit.permissions.needs.delegated) expect(scope).toMatch(/^(Alert|Machine|Ti|AdvancedQuery|Vulnerability|Software)\.[A-Za-z]+$|^(File|Ip|URL|User)\.Read\.All$/);
    }
    const packageUri = unitOf('defender.machine_action.package_uri')[0]!;
    expect(packageUri.permissions.needs).toEqual({ app: ['Machine.Read.All', 'Machine.ReadWrite.All'], delegated: ['Machine.CollectForensics'] });
  });

  const base = { name: 'defender.test.thing', title: 'T', description: 'D', params: z.strictObject({ id: z.string() }), output: z.looseObject({}), sideEffect: false };

  it('a unit without permissions or without a handler is refused when it is built', () => {
    const execute = async () => done({});
    expect(() => defenderAction({ ...base, permissions: { app: [], delegated: [] }, execute })).toThrow(/defender\.test\.thing declares no application or no delegated permission/);
    expect(() => defenderAction({ ...base, permissions: { app: ['Machine.Read.All'], delegated: [] }, execute })).toThrow(/no delegated permission/);
    expect(() => defenderAction({ ...base, permissions: undefined as never, execute })).toThrow(/declares no application/);
    expect(() => defenderAction({ ...base, permissions: { app: ['Machine.Read.All'], delegated: ['Machine.Read'] }, execute: undefined as never })).toThrow(/has no handler/);
    expect(defenderAction({ ...base, permissions: { app: ['Machine.Read.All'], delegated: ['Machine.Read'] }, execute }).definition).toMatchObject({ name: 'defender.test.thing', permissions: ['Machine.Read.All'] });
  });
});

describe('params are parsed once', () => {
  const isolate = actionCatalog.get('defender.machine.isolate')!;
  const raw = { machine_id: 'a'.repeat(40), comment: 'c' };

  it('the handler takes what the catalog schema (the engine’s parse) produced as it is, without parsing again', async () => {
    const parsed = isolate.params.parse(raw) as Record<string, unknown>;
    expect(parsed).toMatchObject({ isolation_type: 'Full', on_unsuccessful: 'fail' });
    const safeParse = jest.spyOn(isolate.params, 'safeParse');
    const calls: unknown[] = [];
    const spy = jest.spyOn(client, 'getMachine').mockImplementation(async () => {
      calls.push('getMachine');
      throw new Error('stop here');
    });
    try {
      const handlers = createDefenderActionHandlers(() => client);
      await expect(handlers.get('defender.machine.isolate')!.execute(parsed as never, { runId: 'r', stepId: 's', attempt: 1, connection: 'default', maybeSent: false })).rejects.toThrow('stop here');
      expect(calls).toEqual(['getMachine']);
      expect(safeParse).not.toHaveBeenCalled();
      // Raw params (a caller other than the engine) are still checked, once.
      await expect(handlers.get('defender.machine.isolate')!.execute(raw, { runId: 'r', stepId: 's', attempt: 1, connection: 'default', maybeSent: false })).rejects.toThrow('stop here');
      expect(safeParse).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
      safeParse.mockRestore();
    }
  });
});
