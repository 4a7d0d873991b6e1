import { readFileSync } from 'node:fs';
import { SEED, SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest, sleep } from '../test-support/sim-http';

const M = SEED.machines;

describe('Defender API: machine action types, platforms, conflicts, results', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;
  let token: string;
  const post = (path: string, json: unknown) => simRequest(sim, 'POST', path, { token, json });
  const get = (path: string) => simRequest(sim, 'GET', path, { token });

  async function waitFor(actionId: string, status: string): Promise<any> {
    for (let i = 0; i < 100; i++) {
      const action = (await get(`/api/machineactions/${actionId}`)).json();
      if (action.status === status) return action;
      await sleep(10);
    }
    throw new Error(`action ${actionId} never reached ${status}`);
  }

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false, actionSchedule: { pendingMs: 30, inProgressMs: 60 } });
    control = new SimulatorControlClient(sim.controlUrl);
    token = await getToken(sim);
  });
  afterAll(() => sim.close());
  afterEach(() => control.reset());

  it.each([
    ['unisolate', 'Unisolate', { Comment: 'c' }, null],
    ['runAntiVirusScan', 'RunAntiVirusScan', { Comment: 'c', ScanType: 'Quick' }, 'Quick'],
    ['restrictCodeExecution', 'RestrictCodeExecution', { Comment: 'c' }, null],
    ['unrestrictCodeExecution', 'UnrestrictCodeExecution', { Comment: 'c' }, null],
    ['collectInvestigationPackage', 'CollectInvestigationPackage', { Comment: 'c' }, null],
    ['StopAndQuarantineFile', 'StopAndQuarantineFile', { Comment: 'c', Sha1: SEED.files.emotetDll.sha1 }, null],
    ['offboard', 'Offboard', { Comment: 'c' }, null],
    ['runliveresponse', 'LiveResponse', { Comment: 'c', Commands: [{ type: 'RunScript', params: [{ key: 'ScriptName', value: 'collect.ps1' }] }] }, null],
  ])('%s creates a %s action (201, Pending)', async (segment, type, body, scope) => {
    const res = await post(`/api/machines/${M.financeWorkstation.id}/${segment}`, body);
    expect(res.status).toBe(201);
    expect(res.json()).toMatchObject({ type, scope, status: 'Pending', machineId: M.financeWorkstation.id });
    await waitFor(res.json().id, 'Succeeded');
  });

  it('validates action bodies', async () => {
    const scan = `/api/machines/${M.financeWorkstation.id}/runAntiVirusScan`;
    expect((await post(scan, { Comment: 'c' })).json().error.code).toBe('MissingRequiredParameter');
    expect((await post(scan, { Comment: 'c', ScanType: 'Deep' })).json().error.code).toBe('InvalidRequestBody');
    expect((await post(`/api/machines/${M.financeWorkstation.id}/StopAndQuarantineFile`, { Comment: 'c', Sha1: 'abc' })).json().error.code).toBe('InvalidHashValue');
    expect((await post(`/api/machines/${M.financeWorkstation.id}/offboard`, {})).json().error.code).toBe('MissingRequiredParameter');
    expect((await post(`/api/machines/${M.financeWorkstation.id}/runliveresponse`, { Comment: 'c', Commands: [] })).json().error.code).toBe('InvalidRequestBody');
    expect((await post(`/api/machines/${'0'.repeat(40)}/isolate`, { Comment: 'c' })).status).toBe(404);
  });

  it.each([
    [M.linuxWebServer.id, 'restrictCodeExecution', { Comment: 'c' }],
    [M.linuxWebServer.id, 'runAntiVirusScan', { Comment: 'c', ScanType: 'Full' }],
    [M.macDesigner.id, 'StopAndQuarantineFile', { Comment: 'c', Sha1: SEED.files.macPua.sha1 }],
    [M.macDesigner.id, 'isolate', { Comment: 'c', IsolationType: 'Selective' }],
  ])('rejects unsupported platforms with OsPlatformNotSupported (%s %s)', async (machineId, segment, body) => {
    const res = await post(`/api/machines/${machineId}/${segment}`, body);
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('OsPlatformNotSupported');
  });

  it('full isolation works on Linux', async () => {
    expect((await post(`/api/machines/${M.linuxWebServer.id}/isolate`, { Comment: 'c', IsolationType: 'Full' })).status).toBe(201);
  });

  it('conflictMode error: a second active action of the same type is 400 ActiveRequestAlreadyExists', async () => {
    await control.setConfig({ actionSchedule: { pendingMs: 5000, inProgressMs: 5000 } });
    const path = `/api/machines/${M.developerWorkstation.id}/runAntiVirusScan`;
    expect((await post(path, { Comment: 'a', ScanType: 'Quick' })).status).toBe(201);
    const second = await post(path, { Comment: 'b', ScanType: 'Full' });
    expect(second.status).toBe(400);
    expect(second.json().error).toMatchObject({ code: 'ActiveRequestAlreadyExists', message: 'Action is already in progress' });
    // Another type on the same device is fine.
    expect((await post(`/api/machines/${M.developerWorkstation.id}/collectInvestigationPackage`, { Comment: 'c' })).status).toBe(201);
  });

  it('conflictMode return-existing: the existing action comes back', async () => {
    await control.setConfig({ conflictMode: 'return-existing', actionSchedule: { pendingMs: 5000, inProgressMs: 5000 } });
    const path = `/api/machines/${M.developerWorkstation.id}/isolate`;
    const first = (await post(path, { Comment: 'a' })).json();
    const second = await post(path, { Comment: 'b' });
    expect(second.status).toBe(200);
    expect(second.json().id).toBe(first.id);
  });

  it('isolating an isolated device gives a new action that succeeds, or stays Pending when configured', async () => {
    const hr = `/api/machines/${M.hrWorkstation.id}/isolate`;
    const again = (await post(hr, { Comment: 'again' })).json();
    await waitFor(again.id, 'Succeeded');
    await control.setConfig({ isolateWhenIsolated: 'stay-pending' });
    const stuck = (await post(`/api/machines/${M.sqlServer.id}/isolate`, { Comment: 'first' })).json();
    await waitFor(stuck.id, 'Succeeded');
    const pending = (await post(`/api/machines/${M.sqlServer.id}/isolate`, { Comment: 'second' })).json();
    await sleep(150);
    expect((await get(`/api/machineactions/${pending.id}`)).json().status).toBe('Pending');
  });

  it('unisolate releases the machine in the control state', async () => {
    const action = (await post(`/api/machines/${M.hrWorkstation.id}/unisolate`, { Comment: 'release' })).json();
    await waitFor(action.id, 'Succeeded');
    expect((await control.state()).machines.find((m) => m.id === M.hrWorkstation.id)).toMatchObject({ isolated: false, isolationType: null });
    const restrict = (await post(`/api/machines/${M.hrWorkstation.id}/restrictCodeExecution`, { Comment: 'lock' })).json();
    await waitFor(restrict.id, 'Succeeded');
    expect((await control.state()).machines.find((m) => m.id === M.hrWorkstation.id)?.restricted).toBe(true);
  });

  it('action outcomes from the control API: Failed, TimeOut, stay-pending, per machine and type', async () => {
    await control.setActionOutcome({ match: { type: 'RunAntiVirusScan' }, outcome: 'Failed', count: 1 });
    await control.setActionOutcome({ match: { machineId: M.domainController.id }, outcome: 'TimeOut', count: 1 });
    await control.setActionOutcome({ match: { machineId: M.sqlServer.id, type: 'Isolate' }, outcome: 'stay-pending' });
    const failed = (await post(`/api/machines/${M.financeWorkstation.id}/runAntiVirusScan`, { Comment: 'c', ScanType: 'Quick' })).json();
    expect(await waitFor(failed.id, 'Failed')).toMatchObject({ errorHResult: -2147467259 });
    const timedOut = (await post(`/api/machines/${M.domainController.id}/collectInvestigationPackage`, { Comment: 'c' })).json();
    await waitFor(timedOut.id, 'TimeOut');
    const next = (await post(`/api/machines/${M.domainController.id}/runAntiVirusScan`, { Comment: 'c', ScanType: 'Quick' })).json();
    await waitFor(next.id, 'Succeeded');
    const pending = (await post(`/api/machines/${M.sqlServer.id}/isolate`, { Comment: 'c' })).json();
    await sleep(150);
    expect((await get(`/api/machineactions/${pending.id}`)).json().status).toBe('Pending');
    expect((await control.state()).machines.find((m) => m.id === M.sqlServer.id)?.isolated).toBe(false);
  });

  it('cancel stops an active action and refuses a finished one', async () => {
    await control.setConfig({ actionSchedule: { pendingMs: 5000, inProgressMs: 5000 } });
    const action = (await post(`/api/machines/${M.financeWorkstation.id}/isolate`, { Comment: 'c' })).json();
    const cancelled = await post(`/api/machineactions/${action.id}/cancel`, { Comment: 'wrong device' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'Cancelled', cancellationComment: 'wrong device', cancellationRequestor: 'SOAR Simulator Client' });
    expect(cancelled.json().cancellationDateTimeUtc).not.toBeNull();
    expect((await post(`/api/machineactions/${action.id}/cancel`, { Comment: 'again' })).status).toBe(400);
    expect((await post('/api/machineactions/3a2f1d86-0000-4000-8000-000000000000/cancel', {})).status).toBe(404);
  });

  it('getPackageUri is 404 until the collection succeeded, then a quoted download URL', async () => {
    await control.setConfig({ actionSchedule: { pendingMs: 100, inProgressMs: 100 } });
    const action = (await post(`/api/machines/${M.financeWorkstation.id}/collectInvestigationPackage`, { Comment: 'c' })).json();
    expect((await get(`/api/machineactions/${action.id}/getPackageUri`)).status).toBe(404);
    await waitFor(action.id, 'Succeeded');
    const body = (await get(`/api/machineactions/${action.id}/getPackageUri`)).json();
    expect(body['@odata.context']).toBe(`${sim.apiBaseUrl}/api/$metadata#Edm.String`);
    expect(body.value).toMatch(/^"https:\/\/localhost:\d+\/sim-downloads\/packages\/.+\.zip\?.+"$/);
    const download = await simRequest(sim, 'GET', JSON.parse(body.value) as string);
    expect(download.status).toBe(200);
    await control.setConfig({ packageUriQuoted: false });
    const seeded = (await get(`/api/machineactions/${SEED.machineActions.financePackage}/getPackageUri`)).json();
    expect(seeded.value).toMatch(/^https:\/\//);
  });

  it('live response results: per-command download links and the RunScript transcript', async () => {
    const action = (await post(`/api/machines/${M.financeWorkstation.id}/runliveresponse`, {
      Comment: 'collect',
      Commands: [{ type: 'RunScript', params: [{ key: 'ScriptName', value: 'minidump.ps1' }, { key: 'Args', value: 'OfficeClickToRun' }] }, { type: 'GetFile', params: [{ key: 'Path', value: 'C:\\windows\\TEMP\\dump.zip' }] }],
    })).json();
    expect(action.commands.map((c: { commandStatus: string }) => c.commandStatus)).toEqual(['Created', 'Created']);
    const link = `/api/machineactions/${action.id}/GetLiveResponseResultDownloadLink(index=0)`;
    expect((await get(link)).status).toBe(404);
    const done = await waitFor(action.id, 'Succeeded');
    expect(done.commands.map((c: { commandStatus: string }) => c.commandStatus)).toEqual(['Completed', 'Completed']);
    const url = (await get(link)).json().value as string;
    const transcript = (await simRequest(sim, 'GET', url)).json();
    expect(transcript).toMatchObject({ script_name: 'minidump.ps1', exit_code: 0, script_errors: '' });
    expect((await get(`/api/machineactions/${action.id}/GetLiveResponseResultDownloadLink(index=5)`)).status).toBe(404);
    expect((await simRequest(sim, 'GET', url.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(403);
  });

  it('offboard status code is configurable (doc says "200 - Created")', async () => {
    await control.setConfig({ offboardStatusCode: 200 });
    expect((await post(`/api/machines/${M.salesWorkstation.id}/offboard`, { Comment: 'c' })).status).toBe(200);
  });

  it('uses the certificate file it reports', () => {
    expect(readFileSync(sim.certPath, 'utf8')).toContain('BEGIN CERTIFICATE');
  });
});
