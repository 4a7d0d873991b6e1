import { SEED } from '@soar/defender-sim';
import { BuiltIns, calls, step } from './built-ins';

const alertId = SEED.alerts.highSeverityOnWindows;
const machineId = SEED.machines.financeWorkstation.id;
const { maliciousDocument, powershell } = SEED.files;

describe('built-in enrich-alert', () => {
  const t = new BuiltIns();
  beforeAll(() => t.start(['enrich-alert']));
  afterAll(() => t.stop());
  beforeEach(() => t.fresh());

  it('reads the alert, machine, users, files, IPs and domains with their statistics and posts one summary comment', async () => {
    const run = await t.runToEnd('enrich-alert', { alert_id: alertId });
    expect(run.status).toBe('succeeded');

    // Exactly these Defender requests: reads only, one statistics call per entity, one PATCH.
    const log = await t.apiRequests();
    const expected = [
      `GET /api/alerts/${alertId}`,
      `GET /api/alerts/${alertId}/machine`,
      `GET /api/alerts/${alertId}/files`,
      `GET /api/alerts/${alertId}/ips`,
      `GET /api/alerts/${alertId}/domains`,
      `GET /api/machines/${machineId}/logonusers`,
      `GET /api/files/${maliciousDocument.sha1}/stats`,
      `GET /api/files/${powershell.sha1}/stats`,
      `GET /api/ips/${SEED.ips.torExitC2}/stats`,
      `GET /api/domains/${SEED.domains.payloadCdn}/stats`,
      `PATCH /api/alerts/${alertId}`,
    ];
    expect(calls(log).sort()).toEqual([...expected].sort());
    expect(log.find((r) => r.path === `/api/alerts/${alertId}`)!.query).toMatchObject({ $expand: 'evidence' });
    for (const stats of log.filter((r) => r.path.endsWith('/stats'))) expect(stats.query).toEqual({ lookBackHours: '720' });
    // The PATCH comes last and carries only the comment.
    const patch = log[log.length - 1]!;
    expect(patch.method).toBe('PATCH');
    expect(Object.keys(patch.body as object)).toEqual(['comment']);

    const comment = (patch.body as { comment: string }).comment;
    expect(comment.split('\n')).toEqual([
      `SOAR enrichment (run ${run.id}, look-back 720 h)`,
      'Alert: Suspicious PowerShell download cradle executed from an Office document [High, New, Execution]',
      `Machine: ws-fin-001.contoso.local (${machineId}) os Windows11, health Active, risk High, exposure Medium, tags: Finance, VIP`,
      'Logged-on users: contoso\\jdoe, contoso\\mbrown',
      'Evidence: 1 User, 1 File, 1 Process, 1 Ip, 1 Url',
      'Files (2):',
      `- Invoice_2024-0117.docm sha1 ${maliciousDocument.sha1}: seen on 2 machine(s) in the organization, 41 worldwide`,
      `- powershell.exe sha1 ${powershell.sha1}: seen on 2 machine(s) in the organization, 1830551299 worldwide`,
      'IP addresses (1):',
      `- ${SEED.ips.torExitC2}: seen on 1 machine(s) in the organization`,
      'Domains (1):',
      `- ${SEED.domains.payloadCdn}: seen on 1 machine(s) in the organization`,
    ]);

    // The comment is on the alert; nothing else about it changed.
    const state = await t.state();
    const alert = state.alerts.find((a: any) => a.id === alertId);
    expect(alert.comments.map((c: any) => c.comment)).toEqual([comment]);
    expect(alert).toMatchObject({ status: 'New', classification: null, assignedTo: null });

    expect(run.outputs).toEqual({
      machine_id: machineId,
      machine_name: 'ws-fin-001.contoso.local',
      logged_on_users: ['jdoe', 'mbrown'],
      files: [
        { sha1: maliciousDocument.sha1, organization_prevalence: 2 },
        { sha1: powershell.sha1, organization_prevalence: 2 },
      ],
      ips: [{ ip: SEED.ips.torExitC2, organization_prevalence: 1 }],
      domains: [{ domain: SEED.domains.payloadCdn, organization_prevalence: 1 }],
      summary: comment,
    });
    expect(step(run, 'file_stats').output).toHaveLength(2);
  });

  it('writes "none" for entity kinds the alert does not have (no foreach item runs)', async () => {
    const alert = SEED.alerts.registryPersistenceOnSales;
    const run = await t.runToEnd('enrich-alert', { alert_id: alert, lookback_hours: 48 });
    expect(run.status).toBe('succeeded');
    expect(step(run, 'ip_stats')).toMatchObject({ status: 'succeeded', output: [] });
    expect(step(run, 'domain_stats')).toMatchObject({ status: 'succeeded', output: [] });

    const log = await t.apiRequests();
    expect(calls(log).filter((c) => c.includes('/stats'))).toEqual([`GET /api/files/${SEED.files.runKeyPayload.sha1}/stats`]);
    expect(log.find((r) => r.path.endsWith('/stats'))!.query).toEqual({ lookBackHours: '48' });
    const comment: string = (log.find((r) => r.method === 'PATCH')!.body as { comment: string }).comment;
    expect(comment).toContain('\nIP addresses (0): none\nDomains (0): none');
    expect(comment).toContain('\nEvidence: 1 Registry, 1 Process, 1 User\n');
    expect(comment).toContain('\nLogged-on users: contoso\\rpatel\n');
    expect(comment).toContain(`\nMachine: ws-sales-022.contoso.local (${SEED.machines.salesWorkstation.id}) os Windows10, health NoSensorData, risk Medium, exposure High, tags: none\n`);
  });
});
