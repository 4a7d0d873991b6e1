import type { ActionHandler } from '@soar/contracts';
import { createDefenderActionHandlers } from '../handlers/create-defender-action-handlers';
import type { DefenderClient } from '../defender.client';
import { runToCompletion, SEED, startSim, stepContext, type SimHarness } from '../testing/sim-harness';

describe('DefenderClient machine actions and their handlers (simulator)', () => {
  let h: SimHarness;
  let client: DefenderClient;
  let handlers: Map<string, ActionHandler>;
  const dev = SEED.machines.developerWorkstation.id;
  const fin = SEED.machines.financeWorkstation.id;
  const linux = SEED.machines.linuxWebServer.id;
  const handler = (name: string) => handlers.get(name)!;

  beforeAll(async () => {
    h = await startSim();
    client = h.client();
    handlers = createDefenderActionHandlers(() => client);
  });
  afterAll(() => h.close());
  afterEach(() => h.control.reset());

  async function lastPost(since: number) {
    const posts = (await h.control.apiRequests(since)).filter((r) => r.method === 'POST');
    return posts[posts.length - 1]!;
  }

  it('sends each action with its route and PascalCase body, returning a pending MachineAction', async () => {
    const cases: Array<[() => Promise<{ type: string; status: string }>, string, Record<string, unknown>, string]> = [
      [() => client.isolateMachine(dev, { comment: 'c', isolationType: 'Full' }), '/isolate', { Comment: 'c', IsolationType: 'Full' }, 'Isolate'],
      [() => client.releaseMachineIsolation(dev, { comment: 'c' }), '/unisolate', { Comment: 'c' }, 'Unisolate'],
      [() => client.runAntivirusScan(dev, { comment: 'c', scanType: 'Full' }), '/runAntiVirusScan', { Comment: 'c', ScanType: 'Full' }, 'RunAntiVirusScan'],
      [() => client.restrictAppExecution(dev, { comment: 'c' }), '/restrictCodeExecution', { Comment: 'c' }, 'RestrictCodeExecution'],
      [() => client.unrestrictAppExecution(dev, { comment: 'c' }), '/unrestrictCodeExecution', { Comment: 'c' }, 'UnrestrictCodeExecution'],
      [() => client.collectInvestigationPackage(dev, { comment: 'c' }), '/collectInvestigationPackage', { Comment: 'c' }, 'CollectInvestigationPackage'],
      [() => client.stopAndQuarantineFile(dev, { comment: 'c', sha1: SEED.files.mimikatz.sha1 }), '/StopAndQuarantineFile', { Comment: 'c', Sha1: SEED.files.mimikatz.sha1 }, 'StopAndQuarantineFile'],
      [
        () => client.runLiveResponse(dev, { comment: 'c', commands: [{ type: 'GetFile', params: [{ key: 'Path', value: 'C:\\x.log' }] }] }),
        '/runliveresponse',
        { Comment: 'c', Commands: [{ type: 'GetFile', params: [{ key: 'Path', value: 'C:\\x.log' }] }] },
        'LiveResponse',
      ],
    ];
    for (const [send, suffix, body, type] of cases) {
      const since = await h.control.mark();
      const action = await send();
      expect(action).toMatchObject({ type, status: expect.stringMatching(/Pending|InProgress/) });
      const post = await lastPost(since);
      expect(post.path).toBe(`/api/machines/${dev}${suffix}`);
      expect(post.body).toEqual(body);
    }
  });

  it('gets, lists (filter + paging) and cancels machine actions', async () => {
    await h.control.setConfig({ actionSchedule: { pendingMs: 60_000, inProgressMs: 0 } });
    const scan = await client.runAntivirusScan(fin, { comment: 'scan', scanType: 'Quick' });
    expect(await client.getMachineAction(scan.id)).toMatchObject({ id: scan.id, status: 'Pending', lastUpdateDateTimeUtc: expect.any(String) });
    const listed = await client.listMachineActions({ filter: `machineId eq '${fin}' and type eq 'RunAntiVirusScan'` });
    expect(listed.map((a) => a.id)).toContain(scan.id);
    await h.control.setConfig({ pageSize: 1 });
    const all = await client.listMachineActions();
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(await client.listMachineActions({ limit: 2 })).toHaveLength(2);
    const cancelled = await client.cancelMachineAction(scan.id, { comment: 'not needed' });
    expect(cancelled).toMatchObject({ id: scan.id, cancellationComment: 'not needed' });
    expect((await client.getMachineAction(scan.id)).status).toBe('Cancelled');
  });

  it('reads the investigation package link, unquoting the documented quoted string', async () => {
    const url = await client.getInvestigationPackageUri(SEED.machineActions.financePackage);
    expect(url).toMatch(/^https:\/\//);
    expect(url).not.toMatch(/^"|"$/);
    await h.control.setConfig({ packageUriQuoted: false });
    expect(await client.getInvestigationPackageUri(SEED.machineActions.financePackage)).toMatch(/^https:\/\/[^"]+$/);
  });

  it('an action unsupported on the platform is a terminal 400', async () => {
    await expect(client.runAntivirusScan(linux, { comment: 'c', scanType: 'Quick' })).rejects.toMatchObject({
      code: 'DEFENDER_BAD_REQUEST',
      defenderCode: 'OsPlatformNotSupported',
      retryable: false,
    });
  });

  describe('handlers', () => {
    it('defender.machine.av_scan waits for the scan', async () => {
      const { output, waits } = await runToCompletion(handler('defender.machine.av_scan'), { machine_id: dev, comment: 'scan', scan_type: 'Full' }, stepContext());
      expect(waits.length).toBeGreaterThan(0);
      expect(output).toMatchObject({ already: false, action: { type: 'RunAntiVirusScan', scope: 'Full', status: 'Succeeded' } });
    });

    it('defender.machine.restrict_app_execution / unrestrict check the current state first', async () => {
      const restrict = handler('defender.machine.restrict_app_execution');
      const unrestrict = handler('defender.machine.unrestrict_app_execution');
      expect(await unrestrict.execute({ machine_id: dev, comment: 'c' }, stepContext())).toEqual({
        kind: 'done',
        output: expect.objectContaining({ result: 'already', already: true, action: null, reason: 'machine is not restricted: it never was restricted' }),
      });
      expect((await runToCompletion(restrict, { machine_id: dev, comment: 'c' }, stepContext())).output).toMatchObject({ already: false });
      expect(await restrict.execute({ machine_id: dev, comment: 'c' }, stepContext())).toMatchObject({ kind: 'done', output: { already: true, action: { type: 'RestrictCodeExecution' } } });
      expect((await runToCompletion(unrestrict, { machine_id: dev, comment: 'c' }, stepContext())).output).toMatchObject({ already: false, action: { type: 'UnrestrictCodeExecution' } });
    });

    it('defender.machine.stop_and_quarantine_file', async () => {
      const { output } = await runToCompletion(handler('defender.machine.stop_and_quarantine_file'), { machine_id: fin, comment: 'q', sha1: SEED.files.emotetDll.sha1 }, stepContext());
      expect(output).toMatchObject({ action: { type: 'StopAndQuarantineFile', status: 'Succeeded', relatedFileInfo: { fileIdentifier: SEED.files.emotetDll.sha1 } } });
    });

    it('defender.machine.collect_investigation_package then defender.machine_action.package_uri', async () => {
      const collected = await runToCompletion(handler('defender.machine.collect_investigation_package'), { machine_id: dev, comment: 'forensics' }, stepContext());
      const actionId = (collected.output as { action: { id: string } }).action.id;
      const link = await runToCompletion(handler('defender.machine_action.package_uri'), { machine_action_id: actionId }, stepContext());
      expect(link.output).toEqual({ machine_action_id: actionId, url: expect.stringMatching(/^https:\/\//) });
    });

    it('defender.machine_action.package_uri polls the action (not the 2/min link) until the package is ready', async () => {
      const action = await client.collectInvestigationPackage(fin, { comment: 'c' });
      const since = await h.control.mark();
      const { output, waits } = await runToCompletion(handler('defender.machine_action.package_uri'), { machine_action_id: action.id }, stepContext());
      expect(waits.length).toBeGreaterThan(0);
      expect(output).toMatchObject({ url: expect.any(String) });
      const linkCalls = (await h.control.apiRequests(since)).filter((r) => r.path.endsWith('/getPackageUri'));
      expect(linkCalls).toHaveLength(1);
    });

    it('defender.machine.live_response maps commands and returns a result link per command', async () => {
      const since = await h.control.mark();
      const { output } = await runToCompletion(
        handler('defender.machine.live_response'),
        {
          machine_id: dev,
          comment: 'collect',
          commands: [
            { type: 'PutFile', file_name: 'collect.ps1' },
            { type: 'RunScript', script_name: 'collect.ps1', args: '-Verbose' },
            { type: 'GetFile', path: 'C:\\Temp\\out.zip' },
          ],
        },
        stepContext(),
      );
      const post = (await h.control.apiRequests(since)).find((r) => r.path.endsWith('/runliveresponse'))!;
      expect(post.body).toMatchObject({
        Commands: [
          { type: 'PutFile', params: [{ key: 'FileName', value: 'collect.ps1' }] },
          { type: 'RunScript', params: [{ key: 'ScriptName', value: 'collect.ps1' }, { key: 'Args', value: '-Verbose' }] },
          { type: 'GetFile', params: [{ key: 'Path', value: 'C:\\Temp\\out.zip' }] },
        ],
      });
      const results = (output as { results: Array<{ index: number; url: string | null }> }).results;
      expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
      expect(results.every((r) => typeof r.url === 'string' && r.url.startsWith('https://'))).toBe(true);
      const id = (output as { action: { id: string } }).action.id;
      const single = await handler('defender.machine_action.live_response_result').execute({ machine_action_id: id, command_index: 1 }, stepContext());
      expect(single).toMatchObject({ kind: 'done', output: { url: expect.stringMatching(/^https:\/\//) } });
    });

    it('defender.machine_action.get / list / cancel', async () => {
      const got = await handler('defender.machine_action.get').execute({ machine_action_id: SEED.machineActions.sqlScan }, stepContext());
      expect(got).toMatchObject({ kind: 'done', output: { id: SEED.machineActions.sqlScan, type: 'RunAntiVirusScan' } });
      const listed = await handler('defender.machine_action.list').execute({ filter: "status eq 'Failed'" }, stepContext());
      expect(listed).toMatchObject({ kind: 'done', output: { count: 1, machine_actions: [{ id: SEED.machineActions.dcLiveResponseFailed }] } });
      await h.control.setConfig({ actionSchedule: { pendingMs: 60_000, inProgressMs: 0 } });
      const pending = await client.runAntivirusScan(dev, { comment: 'x', scanType: 'Quick' });
      const cancelled = await handler('defender.machine_action.cancel').execute({ machine_action_id: pending.id, comment: 'stop' }, stepContext());
      expect(cancelled).toMatchObject({ kind: 'done', output: { id: pending.id } });
    });
  });
});
