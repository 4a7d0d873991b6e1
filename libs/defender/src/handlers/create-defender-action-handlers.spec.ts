import { ActionError } from '@soar/contracts';
import { actionCatalog, DEFENDER_ACTION_DEFINITIONS } from '../actions/action-catalog';
import { DefenderClient } from '../defender.client';
import { createDefenderActionHandlers } from './create-defender-action-handlers';

const client = new DefenderClient({
  name: 'default',
  tenantId: '00000000-0000-0000-0000-000000000001',
  clientId: '00000000-0000-0000-0000-000000000002',
  credential: { kind: 'secret', clientSecret: 'never-used' },
});
const ctx = { runId: 'r1', stepId: 's1', attempt: 1, connection: 'default', maybeSent: false };

describe('createDefenderActionHandlers', () => {
  const handlers = createDefenderActionHandlers(() => client);

  it('has exactly one handler per defender.* catalog action', () => {
    const names = DEFENDER_ACTION_DEFINITIONS.map((d) => d.name).sort();
    expect([...handlers.keys()].sort()).toEqual(names);
    for (const name of names) expect(actionCatalog.has(name)).toBe(true);
  });

  it('gives every side-effecting asynchronous action a resume', () => {
    for (const name of ['defender.machine.isolate', 'defender.machine.live_response', 'defender.machine_action.package_uri']) {
      expect(handlers.get(name)!.resume).toBeDefined();
    }
  });

  it('rejects invalid params with a terminal error listing every problem, before any I/O', async () => {
    const error = await handlers
      .get('defender.machine.isolate')!
      .execute({ machine_id: 'nope', isolation_type: 'Partial' }, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(error).toMatchObject({ code: 'DEFENDER_INVALID_PARAMS', retryable: false });
    expect((error as Error).message).toMatch(/machine_id/);
    expect((error as Error).message).toMatch(/comment/);
    expect((error as Error).message).toMatch(/isolation_type/);
  });

  it('fails terminally for an unknown connection', async () => {
    const h = createDefenderActionHandlers(() => {
      throw new Error('no such connection');
    });
    await expect(h.get('defender.alert.get')!.execute({ alert_id: 'da1_1' }, ctx)).rejects.toMatchObject({
      code: 'DEFENDER_UNKNOWN_CONNECTION',
      retryable: false,
    });
  });
});
