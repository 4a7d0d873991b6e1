import { SEED, startDefenderSimulator, type RunningSimulator } from '../index';
import { getToken, simRequest } from '../test-support/sim-http';

describe('Defender API: enrichment', () => {
  let sim: RunningSimulator;
  let token: string;
  const get = (path: string) => simRequest(sim, 'GET', path, { token });

  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false });
    token = await getToken(sim);
  });
  afterAll(() => sim.close());

  it('files by sha1 or sha256, with stats consistent with the evidence', async () => {
    const f = SEED.files.maliciousDocument;
    const bySha1 = (await get(`/api/files/${f.sha1}`)).json();
    expect(bySha1).toMatchObject({ '@odata.context': `${sim.apiBaseUrl}/api/$metadata#Files/$entity`, sha1: f.sha1, sha256: f.sha256, determinationType: 'Malware' });
    expect((await get(`/api/files/${f.sha256}`)).json().sha1).toBe(f.sha1);
    expect((await get(`/api/files/${'a'.repeat(40)}`)).status).toBe(404);
    expect((await get('/api/files/xyz')).json().error.code).toBe('InvalidHashValue');
    const stats = (await get(`/api/files/${f.sha1}/stats?lookBackHours=720`)).json();
    expect(stats).toMatchObject({
      '@odata.context': `${sim.apiBaseUrl}/api/$metadata#microsoft.windowsDefenderATP.api.InOrgFileStats`,
      sha1: f.sha1, organizationPrevalence: 2, topFileNames: ['Invoice_2024-0117.docm'],
    });
    expect((await get(`/api/files/${f.sha1}/stats?lookBackHours=1`)).json().organizationPrevalence).toBe(1);
    expect((await get(`/api/files/${f.sha1}/stats?lookBackHours=721`)).status).toBe(400);
    const machines = (await get(`/api/files/${f.sha1}/machines`)).json().value.map((m: { id: string }) => m.id).sort();
    expect(machines).toEqual([SEED.machines.financeWorkstation.id, SEED.machines.hrWorkstation.id].sort());
    expect((await get(`/api/files/${f.sha256}/machines`)).status).toBe(400);
    expect((await get(`/api/files/${f.sha256}/alerts`)).json().value).toHaveLength(2);
  });

  it('IP stats and alerts; malformed IP is 400, unseen IP has prevalence 0', async () => {
    const stats = (await get(`/api/ips/${SEED.ips.torExitC2}/stats`)).json();
    expect(stats).toMatchObject({ '@odata.context': `${sim.apiBaseUrl}/api/$metadata#microsoft.windowsDefenderATP.api.InOrgIPStats`, ipAddress: SEED.ips.torExitC2, organizationPrevalence: 1 });
    expect((await get('/api/ips/8.8.4.4/stats')).json()).toMatchObject({ organizationPrevalence: 0, orgFirstSeen: null, orgLastSeen: null });
    const bad = await get('/api/ips/300.1.1.1/stats');
    expect(bad.status).toBe(400);
    expect(bad.json().error.code).toBe('InvalidIpAddress');
    expect((await get(`/api/ips/${SEED.ips.linuxExfil}/alerts`)).json().value.map((a: { id: string }) => a.id)).toEqual([SEED.alerts.linuxShellOnWebServer]);
    expect((await get('/api/ips/8.8.4.4/alerts')).json().value).toEqual([]);
  });

  it('domain stats, alerts and machines', async () => {
    const stats = (await get(`/api/domains/${SEED.domains.phishing}/stats`)).json();
    expect(stats).toMatchObject({ host: SEED.domains.phishing, organizationPrevalence: 1 });
    expect((await get('/api/domains/unseen.example.org/stats')).json().organizationPrevalence).toBe(0);
    expect((await get('/api/domains/not_a_domain/stats')).json().error.code).toBe('InvalidDomainName');
    expect((await get(`/api/domains/${SEED.domains.payloadCdn}/alerts`)).json().value.map((a: { id: string }) => a.id)).toEqual([SEED.alerts.highSeverityOnWindows]);
    expect((await get(`/api/domains/${SEED.domains.payloadCdn}/machines`)).json().value.map((m: { id: string }) => m.id)).toEqual([SEED.machines.financeWorkstation.id]);
  });

  it('user alerts and machines by account name', async () => {
    const alerts = (await get(`/api/users/${SEED.users.financeUser}/alerts`)).json().value.map((a: { id: string }) => a.id).sort();
    expect(alerts).toEqual([SEED.alerts.highSeverityOnWindows, SEED.alerts.malwareOnFinance].sort());
    const machines = (await get(`/api/users/${SEED.users.domainAdmin}/machines`)).json().value.map((m: { id: string }) => m.id).sort();
    expect(machines).toEqual([SEED.machines.financeWorkstation.id, SEED.machines.domainController.id, SEED.machines.sqlServer.id].sort());
    expect((await get('/api/users/nobody/alerts')).json().value).toEqual([]);
  });
});
