import { SEED } from '@soar/defender-sim';
import { BuiltIns, calls, step } from './built-ins';

const DAY = 86_400_000;
const md5 = 'ABCDEF0123456789abcdef0123456789';

describe('built-in block-indicators', () => {
  const t = new BuiltIns();
  beforeAll(() => t.start(['block-indicators', 'sync-indicator-feed']));
  afterAll(() => t.stop());
  beforeEach(() => t.fresh());

  it('imports hashes (type from length), IPs, URLs and domains in one call, expiring after the given days', async () => {
    const before = Date.now();
    const run = await t.runToEnd('block-indicators', {
      file_hashes: [SEED.files.emotetDll.sha1, SEED.files.emotetDll.sha256, md5, SEED.files.emotetDll.sha1],
      ips: [SEED.ips.torExitC2, '2001:db8::1'],
      urls: [`http://${SEED.domains.payloadCdn}/dl/payload.ps1`],
      domains: [SEED.domains.phishing],
      expire_after_days: 10,
      title: 'Emotet campaign 2024-01',
      severity: 'High',
    });
    const after = Date.now();
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({ outcome: 'succeeded', reason: 'all steps finished' });
    expect(step(run, 'report_failures').status).toBe('skipped');

    const log = await t.apiRequests();
    expect(calls(log)).toEqual(['POST /api/indicators/import']);
    const sent = (log[0]!.body as { Indicators: any[] }).Indicators;
    const expires: string = run.outputs.expiration_time;
    expect(Date.parse(expires)).toBeGreaterThanOrEqual(before + 10 * DAY - 1000);
    expect(Date.parse(expires)).toBeLessThanOrEqual(after + 10 * DAY);
    const common = {
      title: 'Emotet campaign 2024-01',
      description: `Indicators of compromise blocked by the SOAR block-indicators playbook. (SOAR run ${run.id})`,
      expirationTime: expires,
      severity: 'High',
      generateAlert: true,
    };
    // Defender's camelCase body; the duplicate SHA-1 is sent once.
    expect(sent).toEqual([
      { indicatorValue: SEED.files.emotetDll.sha1, indicatorType: 'FileSha1', action: 'BlockAndRemediate', ...common },
      { indicatorValue: SEED.files.emotetDll.sha256, indicatorType: 'FileSha256', action: 'BlockAndRemediate', ...common },
      { indicatorValue: md5, indicatorType: 'FileMd5', action: 'BlockAndRemediate', ...common },
      { indicatorValue: SEED.ips.torExitC2, indicatorType: 'IpAddress', action: 'Block', ...common },
      { indicatorValue: '2001:db8::1', indicatorType: 'IpAddress', action: 'Block', ...common },
      { indicatorValue: `http://${SEED.domains.payloadCdn}/dl/payload.ps1`, indicatorType: 'Url', action: 'Block', ...common },
      { indicatorValue: SEED.domains.phishing, indicatorType: 'DomainName', action: 'Block', ...common },
    ]);

    const state = await t.state();
    const created = state.indicators.filter((i: any) => run.outputs.indicator_ids.includes(i.id));
    expect(created).toHaveLength(7);
    for (const sentOne of sent) {
      expect(created.find((i: any) => i.indicatorValue === sentOne.indicatorValue && i.indicatorType === sentOne.indicatorType)).toMatchObject({
        action: sentOne.action,
        expirationTime: expires,
        severity: 'High',
        title: 'Emotet campaign 2024-01',
      });
    }
    expect(run.outputs.failed).toEqual([]);
  });

  it('sends more than 500 indicators in batches of at most 500', async () => {
    const ips = Array.from({ length: 620 }, (_, i) => `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`);
    const run = await t.runToEnd('block-indicators', { ips, network_action: 'Warn', generate_alert: false, expire_after_days: 1 });
    expect(run.status).toBe('succeeded');
    const log = await t.apiRequests();
    expect(calls(log)).toEqual(['POST /api/indicators/import', 'POST /api/indicators/import']);
    const batches = log.map((r) => (r.body as { Indicators: any[] }).Indicators);
    expect(batches.map((b) => b.length)).toEqual([500, 120]);
    expect(batches.flat().map((i) => i.indicatorValue)).toEqual(ips);
    expect(batches[1]![0]).toMatchObject({ indicatorType: 'IpAddress', action: 'Warn', generateAlert: false });
    expect(run.outputs.indicator_ids).toHaveLength(620);
    const values = new Set((await t.state()).indicators.map((i: any) => i.indicatorValue));
    expect(ips.every((ip) => values.has(ip))).toBe(true);
  });

  it('creates the accepted indicators and fails the run naming the ones Defender rejected', async () => {
    const run = await t.runToEnd('block-indicators', { urls: ['http://localhost/payload', 'https://bad.example.net/x'], file_action: 'Block' });
    expect(run.status).toBe('failed');
    expect(calls(await t.apiRequests())).toEqual(['POST /api/indicators/import']);
    expect(step(run, 'report_failures').error.message).toMatch(
      /^1 of 2 indicators were rejected by Defender \(the others were created\): http:\/\/localhost\/payload \(InvalidUrl: .+\)$/,
    );
    expect(run.outputs.failed).toEqual([{ indicator: 'http://localhost/payload', reason: expect.stringContaining('InvalidUrl') }]);
    const state = await t.state();
    expect(state.indicators.some((i: any) => i.indicatorValue === 'https://bad.example.net/x' && i.indicatorType === 'Url')).toBe(true);
    expect(state.indicators.some((i: any) => i.indicatorValue === 'http://localhost/payload')).toBe(false);
  });

  it('infers the type of each mixed value, reports and skips the ones of no known type, imports the rest', async () => {
    const sha256 = 'ab'.repeat(32);
    const run = await t.runToEnd('block-indicators', {
      values: [sha256, '203.0.113.99', '2001:db8::7', 'https://evil.example.org/a', 'evil.example.com', 'not a value', '10.0.0.0/8'],
      network_action: 'Audit',
    });
    expect(run.status).toBe('succeeded');
    // Two values were skipped, so not everything asked for is blocked: partial, naming them.
    expect(run).toMatchObject({
      outcome: 'partial',
      reason: 'Created 5 indicators; skipped 2 values of no known type (not a hash, IP, URL or domain): not a value, 10.0.0.0/8',
    });
    expect(run.outputs.invalid).toEqual(['not a value', '10.0.0.0/8']);
    const sent = (await t.apiRequests())[0]!.body as { Indicators: any[] };
    expect(sent.Indicators.map((i) => [i.indicatorValue, i.indicatorType, i.action])).toEqual([
      [sha256, 'FileSha256', 'BlockAndRemediate'],
      ['203.0.113.99', 'IpAddress', 'Audit'],
      ['2001:db8::7', 'IpAddress', 'Audit'],
      ['https://evil.example.org/a', 'Url', 'Audit'],
      ['evil.example.com', 'DomainName', 'Audit'],
    ]);
    expect(run.outputs.indicator_ids).toHaveLength(5);
  });

  it("blocks an alert's File, Ip and Url evidence with titles that name the alert", async () => {
    const alertId = SEED.alerts.highSeverityOnWindows;
    const run = await t.runToEnd('block-indicators', { alert_id: alertId, file_action: 'Block' });
    expect(run.status).toBe('succeeded');
    const sent = (await t.apiRequests()).find((r) => r.path === '/api/indicators/import')!.body as { Indicators: any[] };
    expect(sent.Indicators.map((i) => [i.indicatorValue, i.indicatorType, i.action])).toEqual([
      [SEED.files.maliciousDocument.sha256, 'FileSha256', 'Block'],
      [SEED.ips.torExitC2, 'IpAddress', 'Block'],
      [`http://${SEED.domains.payloadCdn}/dl/payload.ps1`, 'Url', 'Block'],
    ]);
    for (const i of sent.Indicators) {
      expect(i.title).toBe(`Alert ${alertId}: Suspicious PowerShell download cradle executed from an Office document`);
      expect(i.description).toContain(`Evidence of alert ${alertId}`);
    }
  });

  it('refuses to start (400 naming every value input), calling nothing, when no value is given', async () => {
    const runsBefore = await t.stack.db.run.count();
    for (const inputs of [{}, { file_hashes: [], ips: [] }]) {
      const res = await fetch(`${t.stack.apiUrl}/playbooks/block-indicators/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ inputs }),
      });
      expect(res.status).toBe(400);
      const problems = ((await res.json()) as any).error.problems;
      expect(problems.map((p: any) => p.path)).toEqual(['inputs.values', 'inputs.alert_id', 'inputs.file_hashes', 'inputs.ips', 'inputs.urls', 'inputs.domains']);
      expect(new Set(problems.map((p: any) => p.message))).toEqual(new Set(['Give at least one value to block (mixed values, an alert, file hashes, IP addresses, URLs or domains).']));
    }
    expect(await t.stack.db.run.count()).toBe(runsBefore);
    expect(await t.apiRequests()).toEqual([]);
  });

  it('rejects a value that is not a hash, IP, URL or domain before starting', async () => {
    const res = await fetch(`${t.stack.apiUrl}/playbooks/block-indicators/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: { file_hashes: ['abc'], ips: ['10.0.0.0/8'], domains: ['intranet'] } }),
    });
    expect(res.status).toBe(400);
    const problems = ((await res.json()) as any).error.problems.map((p: any) => p.path).sort();
    expect(problems).toEqual(['inputs.domains', 'inputs.file_hashes', 'inputs.ips']);
  });

  it('sync-indicator-feed: everything new is a success; values Defender rejects make it partial, naming them', async () => {
    const clean = await t.runToEnd('sync-indicator-feed', { feed_name: 'clean-feed', values: ['198.51.100.8', 'bad.example.org'] });
    expect(clean).toMatchObject({ status: 'succeeded', outcome: 'succeeded', reason: 'all steps finished' });
    expect(clean.outputs).toMatchObject({ sent: 2, failed: [], invalid: [] });

    const rejected = await t.runToEnd('sync-indicator-feed', { feed_name: 'mixed-feed', values: ['http://localhost/payload', 'https://bad.example.net/y'] });
    expect(rejected.status).toBe('succeeded');
    expect(rejected.outputs).toMatchObject({ sent: 1, failed: [{ indicator: 'http://localhost/payload', reason: expect.stringContaining('InvalidUrl') }] });
    expect(rejected.outcome).toBe('partial');
    expect(rejected.reason).toMatch(/^Feed mixed-feed: Defender rejected 1 of 2 values: http:\/\/localhost\/payload \(InvalidUrl: .+\)$/);
  });

  it('sync-indicator-feed sends only what changed; a sync with nothing new sends nothing', async () => {
    const feed = { feed_name: 'abuse-ch', values: ['198.51.100.7', 'evil.example.com', '???'] };
    const first = await t.runToEnd('sync-indicator-feed', feed);
    expect(first.status).toBe('succeeded');
    expect(first.outputs).toMatchObject({ sent: 2, unchanged: 0, failed: [], invalid: ['???'] });
    expect(first).toMatchObject({ outcome: 'partial', reason: 'Feed abuse-ch: sent 2, 0 unchanged; skipped 1 values of no known type: ???' });

    await t.control.clearRequests();
    const second = await t.runToEnd('sync-indicator-feed', { ...feed, values: [...feed.values, 'https://evil.example.com/x'] });
    expect(second.outputs).toMatchObject({ sent: 1, unchanged: 2 });
    expect(second.outcome).toBe('partial'); // '???' again
    const imports = (await t.apiRequests()).filter((r) => r.path === '/api/indicators/import');
    expect(imports.map((r) => (r.body as { Indicators: any[] }).Indicators.map((i) => [i.indicatorValue, i.indicatorType, i.title]))).toEqual([
      [['https://evil.example.com/x', 'Url', 'Feed abuse-ch']],
    ]);

    await t.control.clearRequests();
    const third = await t.runToEnd('sync-indicator-feed', { ...feed, values: ['EVIL.example.com', '198.51.100.7'] });
    expect(third.status).toBe('succeeded');
    expect(third.outputs).toMatchObject({ sent: 0, unchanged: 2 });
    expect(third).toMatchObject({ outcome: 'no_op', reason: 'Feed abuse-ch: Defender already has every value; nothing sent' });
    expect(step(third, 'import_indicators').status).toBe('skipped');
    expect((await t.apiRequests()).filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
