import { SEED, SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest, sleep } from '../test-support/sim-http';

describe('Defender API: isolate and poll', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;
  let token: string;
  const machine = SEED.machines.financeWorkstation;

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false, actionSchedule: { pendingMs: 100, inProgressMs: 150 } });
    control = new SimulatorControlClient(sim.controlUrl);
    token = await getToken(sim);
  });
  afterAll(() => sim.close());

  it('isolate answers 201 Pending, then the action moves to InProgress and Succeeded and the machine is isolated', async () => {
    const res = await simRequest(sim, 'POST', `/api/machines/${machine.id}/isolate`, { token, json: { Comment: 'Isolate by playbook', IsolationType: 'Selective' } });
    expect(res.status).toBe(201);
    const action = res.json();
    expect(action).toMatchObject({
      '@odata.context': `${sim.apiBaseUrl}/api/$metadata#MachineActions/$entity`,
      type: 'Isolate',
      scope: 'Selective',
      status: 'Pending',
      machineId: machine.id,
      computerDnsName: machine.computerDnsName,
      requestorComment: 'Isolate by playbook',
      requestSource: 'PublicApi',
      errorHResult: 0,
      commands: [],
    });
    expect((await control.state()).machines.find((m) => m.id === machine.id)?.isolated).toBe(false);

    const seen: string[] = [];
    for (let i = 0; i < 50; i++) {
      const poll = (await simRequest(sim, 'GET', `/api/machineactions/${action.id}`, { token })).json();
      if (seen.at(-1) !== poll.status) seen.push(poll.status);
      if (poll.status === 'Succeeded') break;
      await sleep(20);
    }
    expect(seen).toEqual(['Pending', 'InProgress', 'Succeeded']);
    const state = await control.state();
    expect(state.machines.find((m) => m.id === machine.id)).toMatchObject({ isolated: true, isolationType: 'Selective' });
    // Defender's Machine entity has no isolation field.
    const entity = (await simRequest(sim, 'GET', `/api/machines/${machine.id}`, { token })).json();
    expect(entity).not.toHaveProperty('isolated');
  });

  it('lists machine actions newest first with $filter, $top and $skip', async () => {
    const list = (await simRequest(sim, 'GET', `/api/machineactions?$filter=machineId eq '${machine.id}' and type eq 'Isolate'`, { token })).json();
    expect(list['@odata.context']).toBe(`${sim.apiBaseUrl}/api/$metadata#MachineActions`);
    expect(list.value).toHaveLength(1);
    const all = (await simRequest(sim, 'GET', '/api/machineactions', { token })).json().value;
    const created = all.map((a: { creationDateTimeUtc: string }) => Date.parse(a.creationDateTimeUtc));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const page = (await simRequest(sim, 'GET', '/api/machineactions?$top=2&$skip=1', { token })).json().value;
    expect(page.map((a: { id: string }) => a.id)).toEqual(all.slice(1, 3).map((a: { id: string }) => a.id));
    const byStatus = (await simRequest(sim, 'GET', "/api/machineactions?$filter=status eq 'Failed'", { token })).json().value;
    expect(byStatus.map((a: { id: string }) => a.id)).toEqual([SEED.machineActions.dcLiveResponseFailed]);
    const byRequestor = (await simRequest(sim, 'GET', "/api/machineactions?$filter=requestor eq 'SOAR Simulator Client'", { token })).json().value;
    expect(byRequestor).toHaveLength(1);
  });

  it('the seeded HR workstation starts isolated', async () => {
    const state = await control.state();
    expect(state.machines.find((m) => m.id === SEED.machines.hrWorkstation.id)?.isolated).toBe(true);
  });
});
