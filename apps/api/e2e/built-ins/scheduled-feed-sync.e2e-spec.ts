import { createServer, type Server } from 'node:http';
import { waitFor } from '@soar/testing';
import { http } from '../http';
import { BuiltIns, calls, workflowYaml, type RunBody } from './built-ins';

/**
 * The sync-indicator-feed built-in on a schedule, as an admin sets it up (a copy with a schedule
 * trigger naming the feed and its URL): every tick fetches the feed, sends only what Defender does
 * not have yet, and a tick with nothing new sends nothing and ends no_op.
 */
describe('built-in sync-indicator-feed on a schedule, from a feed URL', () => {
  const t = new BuiltIns();
  let server: Server;
  let feedUrl = '';
  let feed = '';
  let fetches = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches++;
      res.setHeader('content-type', 'text/plain');
      res.end(feed);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    feedUrl = `${origin}/iocs.txt`;
    await t.start([], { WEBHOOK_ALLOWED_HOSTS: origin, INTAKE_SYNC_EVERY_MS: '300' });
  });
  afterAll(async () => {
    await t.stop();
    server?.close();
  });

  const scheduledRuns = async (): Promise<RunBody[]> => {
    const items = (await http('GET', `${t.stack.apiUrl}/runs?playbook=hourly-feed-sync&limit=100`)).body.items as { id: string; status: string; trigger: { type: string } }[];
    const ended = items.filter((r) => r.trigger.type === 'schedule' && ['succeeded', 'failed', 'cancelled'].includes(r.status)).reverse();
    return Promise.all(ended.map((r) => t.get(r.id)));
  };

  it('fetches the feed at every tick and sends only what changed; a tick with nothing new is no_op', async () => {
    feed = '# abuse feed\n198.51.100.30\nfeed-c2.example.com\n\n';
    const scheduled = workflowYaml('sync-indicator-feed')
      .replace('name: sync-indicator-feed', 'name: hourly-feed-sync')
      .replace(/\nsteps:\n/, `\ntriggers:\n  - { type: manual }\n  - { type: schedule, cron: "*/3 * * * * *", inputs: { feed_name: abuse-ch, feed_url: "${feedUrl}" } }\nsteps:\n`);
    expect((await http('POST', `${t.stack.apiUrl}/playbooks`, scheduled)).status).toBe(201);

    const firstTwo = await waitFor(async () => {
      const runs = await scheduledRuns();
      return runs.length >= 2 ? runs : undefined;
    }, { timeoutMs: 45_000, what: 'two scheduled syncs to end' });
    expect(firstTwo[0]).toMatchObject({ status: 'succeeded', outcome: 'succeeded', outputs: { sent: 2, unchanged: 0, failed: [], invalid: [] } });
    expect(firstTwo[1]).toMatchObject({ status: 'succeeded', outcome: 'no_op', reason: 'Feed abuse-ch: Defender already has every value; nothing sent', outputs: { sent: 0, unchanged: 2 } });

    // The feed grows by one value: the next tick sends that one only.
    await t.control.clearRequests();
    const seen = (await scheduledRuns()).length;
    feed += 'https://feed-c2.example.com/gate.php\n';
    const grown = await waitFor(async () => {
      const runs = (await scheduledRuns()).slice(seen);
      return runs.find((r) => r.outputs?.sent === 1);
    }, { timeoutMs: 45_000, what: 'a scheduled sync of the grown feed' });
    expect(grown).toMatchObject({ status: 'succeeded', outcome: 'succeeded', outputs: { sent: 1, unchanged: 2 } });
    expect((await http('POST', `${t.stack.apiUrl}/playbooks/hourly-feed-sync/triggers/pause`)).status).toBe(200);

    const imports = (await t.apiRequests()).filter((r) => r.path === '/api/indicators/import');
    expect(imports.map((r) => (r.body as { Indicators: any[] }).Indicators.map((i) => [i.indicatorValue, i.indicatorType, i.title]))).toEqual([
      [['https://feed-c2.example.com/gate.php', 'Url', 'Feed abuse-ch']],
    ]);
    expect(calls(await t.writes())).toEqual(['POST /api/indicators/import']);
    expect(fetches).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('a sync with neither a feed URL nor values fails and says so', async () => {
    await t.fresh();
    const saved = await http('POST', `${t.stack.apiUrl}/playbooks`, workflowYaml('sync-indicator-feed'));
    expect(saved.status).toBe(201);
    const run = await t.runToEnd('sync-indicator-feed', { feed_name: 'empty' });
    expect(run).toMatchObject({ status: 'failed', outcome: 'failed' });
    expect(run.error.message).toBe("Feed empty: give the feed's URL (feed_url) or its values; there is nothing to sync");
    expect(await t.writes()).toEqual([]);
  });
});
