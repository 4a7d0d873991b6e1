import { SEED, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest } from '../test-support/sim-http';

describe('Defender API: alerts', () => {
  let sim: RunningSimulator;
  let token: string;
  const alertPath = `/api/alerts/${SEED.alerts.highSeverityOnWindows}`;

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false });
    token = await getToken(sim);
  });
  afterAll(() => sim.close());

  it('GET returns the alert entity with evidence of every type', async () => {
    const res = await simRequest(sim, 'GET', alertPath, { token });
    expect(res.status).toBe(200);
    const alert = res.json();
    expect(alert['@odata.context']).toBe(`${sim.apiBaseUrl}/api/$metadata#Alerts/$entity`);
    expect(alert).toMatchObject({ id: SEED.alerts.highSeverityOnWindows, severity: 'High', status: 'New', machineId: SEED.highSeverityOnWindowsMachineId, aadTenantId: sim.tenantId });
    expect(alert.evidence.map((e: { entityType: string }) => e.entityType)).toEqual(['User', 'File', 'Process', 'Ip', 'Url']);
    const file = alert.evidence.find((e: { entityType: string }) => e.entityType === 'File');
    expect(file.sha1).toBe(SEED.files.maliciousDocument.sha1);
    expect(file.sha256).toBe(SEED.files.maliciousDocument.sha256);
    expect(Object.keys(file)).toHaveLength(26);
  });

  it('seed alerts together carry Registry evidence as well', async () => {
    const res = await simRequest(sim, 'GET', '/api/alerts?$expand=evidence', { token });
    const types = new Set(res.json().value.flatMap((a: { evidence: { entityType: string }[] }) => a.evidence.map((e) => e.entityType)));
    expect([...types].sort()).toEqual(['File', 'Ip', 'Process', 'Registry', 'Url', 'User']);
  });

  it('PATCH updates fields, appends the comment with the app id and bumps lastUpdateTime', async () => {
    const before = (await simRequest(sim, 'GET', alertPath, { token })).json();
    const res = await simRequest(sim, 'PATCH', alertPath, {
      token,
      json: { status: 'Resolved', assignedTo: 'soar@contoso.com', classification: 'TruePositive', determination: 'Malware', comment: 'Isolated by playbook' },
    });
    expect(res.status).toBe(200);
    const alert = res.json();
    expect(alert).toMatchObject({ status: 'Resolved', assignedTo: 'soar@contoso.com', classification: 'TruePositive', determination: 'Malware' });
    expect(alert.resolvedTime).not.toBeNull();
    expect(alert.comments.at(-1)).toMatchObject({ comment: 'Isolated by playbook', createdBy: sim.defaultClient.clientId });
    expect(Date.parse(alert.lastUpdateTime)).toBeGreaterThan(Date.parse(before.lastUpdateTime));

    const commentOnly = await simRequest(sim, 'PATCH', alertPath, { token, json: { comment: 'second' } });
    expect(commentOnly.json()).toMatchObject({ status: 'Resolved', assignedTo: 'soar@contoso.com' });
    expect(commentOnly.json().comments.map((c: { comment: string }) => c.comment)).toEqual(['Isolated by playbook', 'second']);
  });

  it('PATCH accepts both determination spellings of the docs', async () => {
    for (const determination of ['ConfirmedActivity', 'ConfirmedUserActivity', 'NotMalicious', 'Clean']) {
      const res = await simRequest(sim, 'PATCH', alertPath, { token, json: { classification: 'InformationalExpectedActivity', determination } });
      expect(res.status).toBe(200);
    }
  });

  it('PATCH rejects miscased keys, bad enums and unknown ids', async () => {
    expect((await simRequest(sim, 'PATCH', alertPath, { token, json: { Status: 'Resolved' } })).json().error.code).toBe('InvalidRequestBody');
    expect((await simRequest(sim, 'PATCH', alertPath, { token, json: { status: 'Closed' } })).json().error.code).toBe('InvalidRequestBody');
    expect((await simRequest(sim, 'PATCH', alertPath, { token, json: { classification: 'Benign' } })).json().error.code).toBe('InvalidRequestBody');
    expect((await simRequest(sim, 'PATCH', alertPath, { token, json: { determination: 'Apt' } })).json().error.code).toBe('InvalidRequestBody');
    const missing = await simRequest(sim, 'PATCH', '/api/alerts/da000000000000000000_1', { token, json: { status: 'Resolved' } });
    expect(missing.status).toBe(404);
    expect(missing.json().error.code).toBe('NotFound');
  });
});
