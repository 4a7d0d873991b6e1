import type { DefenderClient } from '../defender.client';
import { createDefenderActionHandlers } from '../handlers/create-defender-action-handlers';
import { SEED, startSim, stepContext, type SimHarness } from '../testing/sim-harness';

describe('DefenderClient alerts (simulator)', () => {
  let h: SimHarness;
  let client: DefenderClient;
  beforeAll(async () => {
    h = await startSim();
    client = h.client();
  });
  afterAll(() => h.close());
  afterEach(() => h.control.reset());

  it('lists alerts with $filter, $top, $skip', async () => {
    const all = await client.listAlerts();
    expect(all.length).toBeGreaterThanOrEqual(10);
    const high = await client.listAlerts({ filter: "severity eq 'High'" });
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((a) => a.severity === 'High')).toBe(true);
    const firstTwo = await client.listAlerts({ top: 2 });
    expect(firstTwo).toHaveLength(2);
    const skipped = await client.listAlerts({ top: 2, skip: 2 });
    expect(skipped.map((a) => a.id)).toEqual(all.slice(2, 4).map((a) => a.id));
  });

  it('follows @odata.nextLink across server pages, up to `limit`', async () => {
    await h.control.setConfig({ pageSize: 3 });
    const all = await client.listAlerts();
    const since = await h.control.mark();
    const paged = await client.listAlerts();
    expect(paged.map((a) => a.id)).toEqual(all.map((a) => a.id));
    const gets = (await h.control.apiRequests(since)).filter((r) => r.path === '/api/alerts');
    expect(gets).toHaveLength(Math.ceil(all.length / 3));
    expect(gets.slice(1).every((r) => Object.keys(r.query).some((k) => k.toLowerCase().includes('skiptoken') || k === '$skip'))).toBe(true);

    const since2 = await h.control.mark();
    expect(await client.listAlerts({ limit: 4 })).toHaveLength(4);
    expect((await h.control.apiRequests(since2)).length).toBe(2);
    expect(await client.listAlerts({ top: 5 })).toHaveLength(5);
  });

  it('lists with $expand=evidence', async () => {
    const [alert] = await client.listAlerts({ filter: `id eq '${SEED.alerts.highSeverityOnWindows}'`, expandEvidence: true });
    expect(alert!.evidence!.length).toBeGreaterThan(0);
  });

  it('gets one alert, with evidence on request', async () => {
    const alert = await client.getAlert(SEED.alerts.highSeverityOnWindows, { expandEvidence: true });
    expect(alert).toMatchObject({ id: SEED.alerts.highSeverityOnWindows, severity: 'High', machineId: SEED.highSeverityOnWindowsMachineId });
    expect(alert.evidence!.map((e) => e.entityType)).toEqual(expect.arrayContaining(['File', 'Process']));
    expect(alert).not.toHaveProperty('@odata.context');
  });

  it('updates an alert with camelCase fields and appends the comment', async () => {
    const since = await h.control.mark();
    const updated = await client.updateAlert(SEED.alerts.malwareOnFinance, {
      status: 'Resolved',
      assignedTo: 'soar@contoso.com',
      classification: 'TruePositive',
      determination: 'Malware',
      comment: 'Contained by SOAR',
    });
    expect(updated).toMatchObject({ status: 'Resolved', assignedTo: 'soar@contoso.com', classification: 'TruePositive', determination: 'Malware' });
    expect(updated.comments!.map((c) => c.comment)).toContain('Contained by SOAR');
    const [patch] = (await h.control.apiRequests(since)).filter((r) => r.method === 'PATCH');
    expect(patch!.body).toEqual({ status: 'Resolved', assignedTo: 'soar@contoso.com', classification: 'TruePositive', determination: 'Malware', comment: 'Contained by SOAR' });
  });

  it('batch-updates alerts (200 with an empty body)', async () => {
    const ids = [SEED.alerts.puaOnMac, SEED.alerts.smartScreenOnDeveloper];
    await expect(client.batchUpdateAlerts(ids, { status: 'InProgress', comment: 'triage' })).resolves.toBeUndefined();
    for (const id of ids) expect(await client.getAlert(id)).toMatchObject({ status: 'InProgress' });
  });

  it('reads related machine, user, files, IPs and domains', async () => {
    const id = SEED.alerts.highSeverityOnWindows;
    expect(await client.getAlertMachine(id)).toMatchObject({ id: SEED.machines.financeWorkstation.id });
    expect(await client.getAlertUser(id)).toMatchObject({ accountName: SEED.users.financeUser });
    const files = await client.listAlertFiles(id);
    expect(files.map((f) => f.sha1)).toContain(SEED.files.maliciousDocument.sha1);
    expect(await client.listAlertIps(id)).toContain(SEED.ips.torExitC2);
    expect(await client.listAlertDomains(id)).toContain(SEED.domains.payloadCdn);
  });
});

describe('alert handlers (simulator)', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSim();
  });
  afterAll(() => h.close());

  it('defender.alert.get returns the alert with evidence; defender.alert.update maps snake_case and does not repeat a comment after a lost response', async () => {
    const client = h.client();
    const handlers = createDefenderActionHandlers(() => client);
    const got = await handlers.get('defender.alert.get')!.execute({ alert_id: SEED.alerts.highSeverityOnWindows }, stepContext());
    expect(got).toMatchObject({ kind: 'done', output: { id: SEED.alerts.highSeverityOnWindows, evidence: expect.arrayContaining([expect.objectContaining({ entityType: 'File' })]) } });

    const update = handlers.get('defender.alert.update')!;
    const params = { alert_id: SEED.alerts.linuxShellOnWebServer, status: 'InProgress', assigned_to: 'soar', comment: 'triaged by SOAR' };
    const since = await h.control.mark();
    await update.execute(params, stepContext());
    const retried = await update.execute(params, stepContext({ attempt: 2, maybeSent: true }));
    const patches = (await h.control.apiRequests(since)).filter((r) => r.method === 'PATCH');
    expect(patches[0]!.body).toEqual({ status: 'InProgress', assignedTo: 'soar', comment: 'triaged by SOAR' });
    expect(patches[1]!.body).toEqual({ status: 'InProgress', assignedTo: 'soar' });
    if (retried.kind !== 'done') throw new Error('expected done');
    const comments = (retried.output as { comments: Array<{ comment: string }> }).comments;
    expect(comments.filter((c) => c.comment === 'triaged by SOAR')).toHaveLength(1);
  });
});
