import { SEED, SimulatorControlClient, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest, sleep } from '../test-support/sim-http';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Defender API: authentication and error bodies', () => {
  let sim: RunningSimulator;
  let control: SimulatorControlClient;
  let token: string;

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false });
    control = new SimulatorControlClient(sim.controlUrl);
    token = await getToken(sim);
  });
  afterAll(() => sim.close());

  function expectError(res: { status: number; headers: Record<string, unknown>; json(): any }, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = res.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error)).toEqual(['code', 'message', 'target']);
    expect(body.error.code).toBe(code);
    expect(body.error.target).toMatch(GUID);
    return body.error as { code: string; message: string; target: string };
  }

  it('401 without a token, with a garbage token, or with a token of another issuer', async () => {
    expectError(await simRequest(sim, 'GET', '/api/alerts'), 401, 'Unauthorized');
    expectError(await simRequest(sim, 'GET', '/api/alerts', { token: 'not-a-jwt' }), 401, 'Unauthorized');
    const other = await startDefenderSimulator({ rateLimits: false, seed: false });
    try {
      expectError(await simRequest(sim, 'GET', '/api/alerts', { token: await getToken(other) }), 401, 'Unauthorized');
    } finally {
      await other.close();
    }
  });

  it('401 once the token expired', async () => {
    await control.setConfig({ tokenLifetimeSeconds: 1 });
    const shortLived = await getToken(sim);
    await control.setConfig({ tokenLifetimeSeconds: 3599 });
    expect((await simRequest(sim, 'GET', '/api/alerts', { token: shortLived })).status).toBe(200);
    await sleep(2100);
    const error = expectError(await simRequest(sim, 'GET', '/api/alerts', { token: shortLived }), 401, 'Unauthorized');
    expect(error.message).toMatch(/expired/);
  });

  it('403 with the documented message when the token has none of the accepted roles', async () => {
    const limited = await control.registerClient({ roles: ['Alert.Read.All'] });
    const limitedToken = await getToken(sim, { client_id: limited.clientId, client_secret: limited.clientSecret! });
    expect((await simRequest(sim, 'GET', `/api/alerts/${SEED.alerts.highSeverityOnWindows}`, { token: limitedToken })).status).toBe(200);
    const error = expectError(await simRequest(sim, 'GET', `/api/machines/${SEED.machines.financeWorkstation.id}`, { token: limitedToken }), 403, 'Forbidden');
    expect(error.message).toBe('The application does not have any of the required application permissions (Machine.Read.All, Machine.ReadWrite.All) to access the resource.');
    expectError(await simRequest(sim, 'PATCH', `/api/alerts/${SEED.alerts.highSeverityOnWindows}`, { token: limitedToken, json: { status: 'InProgress' } }), 403, 'Forbidden');
  });

  it('404 for unknown alert, machine and machine action', async () => {
    expectError(await simRequest(sim, 'GET', '/api/alerts/da000000000000000000_1', { token }), 404, 'NotFound');
    const machine = expectError(await simRequest(sim, 'GET', '/api/machines/123123123', { token }), 404, 'ResourceNotFound');
    expect(machine.message).toBe('Machine 123123123 was not found');
    expectError(await simRequest(sim, 'GET', '/api/machineactions/7e0d1c33-4a54-4b7e-9f0d-2f6c5b3a9d10', { token }), 404, 'ResourceNotFound');
  });

  it('400 BadRequest for a non-GUID machine action id', async () => {
    const error = expectError(await simRequest(sim, 'GET', `/api/machineactions/${SEED.machines.financeWorkstation.id}`, { token }), 400, 'BadRequest');
    expect(error.message).toBe(`The key value (${SEED.machines.financeWorkstation.id}) from request is not valid. The key value should be format of type 'Edm.Guid'.`);
  });

  it('400 InvalidRequestBody for miscased keys and bad JSON; MissingRequiredParameter for missing ones', async () => {
    const isolate = `/api/machines/${SEED.machines.financeWorkstation.id}/isolate`;
    expectError(await simRequest(sim, 'POST', isolate, { token, json: { comment: 'x', IsolationType: 'Full' } }), 400, 'InvalidRequestBody');
    expectError(await simRequest(sim, 'POST', isolate, { token, json: { IsolationType: 'Full' } }), 400, 'MissingRequiredParameter');
    expectError(await simRequest(sim, 'POST', isolate, { token, json: { Comment: 'x', IsolationType: 'Partial' } }), 400, 'InvalidRequestBody');
    const bad = await simRequest(sim, 'POST', isolate, { token, headers: { 'content-type': 'application/json' } });
    expectError(bad, 400, 'MissingRequiredParameter');
  });

  it('405 with Allow and an empty body for a wrong verb', async () => {
    const res = await simRequest(sim, 'GET', `/api/machines/${SEED.machines.financeWorkstation.id}/isolate`, { token });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.text).toBe('');
  });

  it('serves /api/v1.0 as an alias with OData headers', async () => {
    const res = await simRequest(sim, 'GET', `/api/v1.0/machines/${SEED.machines.financeWorkstation.id}`, { token });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8');
    expect(res.headers['odata-version']).toBe('4.0');
    expect(res.json()['@odata.context']).toBe(`${sim.apiBaseUrl}/api/$metadata#Machines/$entity`);
  });
});
