import type { ActionHandler } from '@soar/contracts';
import { createDefenderActionHandlers } from '../handlers/create-defender-action-handlers';
import type { DefenderClient } from '../defender.client';
import type { IndicatorBody } from '../defender.types';
import { SEED, startSim, stepContext, type SimHarness } from '../testing/sim-harness';

const sha256 = (n: number) => n.toString(16).padStart(64, 'a');

describe('DefenderClient indicators, enrichment and hunting (simulator)', () => {
  let h: SimHarness;
  let client: DefenderClient;
  let handlers: Map<string, ActionHandler>;
  beforeAll(async () => {
    h = await startSim();
    client = h.client();
    handlers = createDefenderActionHandlers(() => client);
  });
  afterAll(() => h.close());
  afterEach(() => h.control.reset());

  const indicator = (n: number): IndicatorBody => ({
    indicatorValue: sha256(n),
    indicatorType: 'FileSha256',
    action: 'Block',
    title: `bad file ${n}`,
    description: 'seen in incident 42',
    severity: 'High',
  });

  describe('indicators', () => {
    it('submits (upsert by value and type), lists, deletes', async () => {
      const created = await client.submitIndicator(indicator(1));
      expect(created).toMatchObject({ id: expect.stringMatching(/^\d+$/), indicatorValue: sha256(1), action: 'Block' });
      const updated = await client.submitIndicator({ ...indicator(1), action: 'Warn', title: 'now warn' });
      expect(updated.id).toBe(created.id);
      expect(updated).toMatchObject({ action: 'Warn' });
      const found = await client.listIndicators({ filter: `indicatorValue eq '${sha256(1)}'` });
      expect(found.map((i) => i.id)).toEqual([created.id]);
      await client.deleteIndicator(created.id);
      expect(await client.listIndicators({ filter: `indicatorValue eq '${sha256(1)}'` })).toEqual([]);
      await expect(client.deleteIndicator(created.id)).rejects.toMatchObject({ code: 'DEFENDER_NOT_FOUND', retryable: false });
    });

    it('imports in batches of at most 500 and reports per-item failures', async () => {
      const items = Array.from({ length: 1201 }, (_, i) => indicator(1000 + i));
      items[3] = { ...items[3]!, indicatorValue: 'not-a-sha256' };
      const since = await h.control.mark();
      const results = await client.importIndicators(items);
      expect(results).toHaveLength(1201);
      expect(results.filter((r) => r.isFailed)).toHaveLength(1);
      const calls = (await h.control.apiRequests(since)).filter((r) => r.path === '/api/indicators/import');
      expect(calls.map((c) => (c.body as { Indicators: unknown[] }).Indicators.length)).toEqual([500, 500, 201]);
    });

    it('batch-deletes in batches of at most 500', async () => {
      const results = await client.importIndicators(Array.from({ length: 600 }, (_, i) => indicator(5000 + i)));
      const ids = results.map((r) => r.id!);
      const since = await h.control.mark();
      await client.batchDeleteIndicators(ids);
      const calls = (await h.control.apiRequests(since)).filter((r) => r.path === '/api/indicators/BatchDelete');
      expect(calls.map((c) => (c.body as { IndicatorIds: unknown[] }).IndicatorIds.length)).toEqual([500, 100]);
      expect(await client.listIndicators({ filter: "title eq 'bad file 5000'" })).toEqual([]);
    });

    it('handlers map snake_case params; import parks on throttling and resumes where it stopped', async () => {
      const submit = await handlers.get('defender.indicator.submit')!.execute(
        { indicator_value: SEED.ips.linuxExfil, indicator_type: 'IpAddress', action: 'Block', title: 'exfil', description: 'd', generate_alert: true },
        stepContext(),
      );
      expect(submit).toMatchObject({ kind: 'done', output: { indicatorValue: SEED.ips.linuxExfil, indicatorType: 'IpAddress', generateAlert: true } });

      // Defender lets one import through, then throttles: the step waits with the rest in its state.
      await h.control.setConfig({ rateLimits: { indicatorsImport: { perMinute: 1 } } });
      const items = Array.from({ length: 700 }, (_, i) => ({
        indicator_value: sha256(9000 + i),
        indicator_type: 'FileSha256',
        action: 'Audit',
        title: 't',
        description: 'd',
        generate_alert: true,
      }));
      const importer = handlers.get('defender.indicator.import')!;
      const ctx = stepContext();
      const first = await importer.execute({ indicators: items }, ctx);
      expect(first).toMatchObject({ kind: 'wait', reason: 'rate-limit' });
      if (first.kind !== 'wait') throw new Error('expected a wait');
      const state = first.state as { remaining: unknown[]; results: unknown[] };
      expect(state.remaining).toHaveLength(200);
      expect(state.results).toHaveLength(500);
      await h.control.setConfig({ rateLimits: false });
      const done = await importer.resume!(first.state, ctx);
      expect(done).toMatchObject({ kind: 'done', output: { failed: 0 } });
      expect(done.kind === 'done' && (done.output as { results: unknown[] }).results).toHaveLength(700);
    });

    it('delete after a lost response (maybeSent) treats 404 as done', async () => {
      const created = await client.submitIndicator(indicator(77));
      await client.deleteIndicator(created.id);
      const h2 = handlers.get('defender.indicator.delete')!;
      await expect(h2.execute({ indicator_id: created.id }, stepContext({ maybeSent: true }))).resolves.toMatchObject({
        kind: 'done',
        output: { indicator_id: created.id, deleted: true },
      });
      await expect(h2.execute({ indicator_id: created.id }, stepContext())).rejects.toMatchObject({ code: 'DEFENDER_NOT_FOUND' });
    });
  });

  describe('enrichment', () => {
    it('reads file info and stats', async () => {
      expect(await client.getFile(SEED.files.maliciousDocument.sha1)).toMatchObject({ sha1: SEED.files.maliciousDocument.sha1 });
      expect(await client.getFile(SEED.files.maliciousDocument.sha256)).toMatchObject({ sha256: SEED.files.maliciousDocument.sha256 });
      const stats = await client.getFileStats(SEED.files.maliciousDocument.sha1, { lookBackHours: 48 });
      expect(stats).toMatchObject({ sha1: SEED.files.maliciousDocument.sha1, organizationPrevalence: expect.any(Number) });
      expect(await client.listFileAlerts(SEED.files.maliciousDocument.sha1)).not.toHaveLength(0);
      expect((await client.listFileMachines(SEED.files.maliciousDocument.sha1)).map((m) => m.id)).toContain(SEED.machines.financeWorkstation.id);
      await expect(client.getFile('0'.repeat(40))).rejects.toMatchObject({ code: 'DEFENDER_NOT_FOUND' });
    });

    it('reads IP and domain stats and related alerts/machines', async () => {
      expect(await client.getIpStats(SEED.ips.torExitC2)).toMatchObject({ ipAddress: SEED.ips.torExitC2, organizationPrevalence: expect.any(Number) });
      expect(await client.getIpStats('192.0.2.200')).toMatchObject({ organizationPrevalence: 0 });
      expect((await client.listIpAlerts(SEED.ips.torExitC2)).length).toBeGreaterThan(0);
      await expect(client.getIpStats('999.1.1.1')).rejects.toMatchObject({ code: 'DEFENDER_BAD_REQUEST', status: 400 });
      expect(await client.getDomainStats(SEED.domains.payloadCdn, { lookBackHours: 720 })).toMatchObject({ host: SEED.domains.payloadCdn });
      expect((await client.listDomainAlerts(SEED.domains.payloadCdn)).length).toBeGreaterThan(0);
      expect((await client.listDomainMachines(SEED.domains.payloadCdn)).length).toBeGreaterThan(0);
    });

    it("reads a user's alerts and machines (account name only)", async () => {
      expect((await client.listUserAlerts(SEED.users.financeUser)).length).toBeGreaterThan(0);
      expect((await client.listUserMachines(SEED.users.financeUser)).map((m) => m.id)).toContain(SEED.machines.financeWorkstation.id);
      expect(await client.listUserAlerts('nobody-here')).toEqual([]);
    });

    it('enrichment handlers', async () => {
      const ctx = stepContext();
      await expect(handlers.get('defender.ip.stats')!.execute({ ip: SEED.ips.torExitC2, lookback_hours: 24 }, ctx)).resolves.toMatchObject({ kind: 'done' });
      await expect(handlers.get('defender.user.machines')!.execute({ user_name: SEED.users.financeUser }, ctx)).resolves.toMatchObject({
        kind: 'done',
        output: { machines: expect.any(Array) },
      });
      await expect(handlers.get('defender.user.alerts')!.execute({ user_name: 'CONTOSO\\jdoe' }, ctx)).rejects.toMatchObject({ code: 'DEFENDER_INVALID_PARAMS' });
    });
  });

  describe('advanced hunting', () => {
    it('runs a query; Stats is optional', async () => {
      const since = await h.control.mark();
      const result = await client.runAdvancedQuery('DeviceInfo | take 3');
      expect(result.Schema.length).toBeGreaterThan(0);
      expect(result.Results.length).toBeLessThanOrEqual(3);
      const [call] = (await h.control.apiRequests(since)).filter((r) => r.path === '/api/advancedqueries/run');
      expect(call!.body).toEqual({ Query: 'DeviceInfo | take 3' });
    });

    it('the hunting action runs through Microsoft Graph runHuntingQuery, answered in the Defender shape', async () => {
      const since = await h.control.mark();
      const out = await handlers.get('defender.hunting.query')!.execute({ query: 'DeviceInfo | count' }, stepContext());
      expect(out).toMatchObject({ kind: 'done', output: { schema: [{ Name: 'Count', Type: 'Int64' }], results: [{ Count: expect.any(Number) }] } });
      const calls = (await h.control.requests(since)).filter((r) => r.method === 'POST' && !r.path.includes('/oauth2/'));
      expect(calls.map((r) => [r.path, r.status, r.body])).toEqual([['/v1.0/security/runHuntingQuery', 200, { Query: 'DeviceInfo | count' }]]);
    });

    it('a connection may choose the legacy Defender hunting API', async () => {
      const legacy = h.client({ huntingApi: 'defender' });
      const since = await h.control.mark();
      const result = await legacy.huntingQuery('DeviceInfo | count');
      expect(result.Schema).toEqual([{ Name: 'Count', Type: 'Int64' }]);
      expect((await h.control.requests(since)).filter((r) => r.method === 'POST' && !r.path.includes('/oauth2/')).map((r) => r.path)).toEqual(['/api/advancedqueries/run']);
    });
  });
});
