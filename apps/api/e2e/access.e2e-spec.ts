import { randomBytes } from 'node:crypto';
import { SEED } from '@soar/defender-sim';
import { waitFor } from '@soar/testing';
import { workflowYaml } from './built-ins/built-ins';
import { readAlertPlaybook } from './playbooks';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

/** Realistic keys: 32 random bytes each, as `openssl rand -hex 32` gives. */
const key = () => randomBytes(32).toString('hex');
const K = { alice: key(), ana: key(), vic: key(), sam: key(), pat: key() };
const as = (name: keyof typeof K) => ({ authorization: `Bearer ${K[name]}` });

/**
 * Who may do what (issue 11), as users meet it: roles from `API_KEYS`, four-eyes approvals of a
 * Defender isolation, 409 after cancel, and the audit log an admin reads.
 */
describe('access: roles, four eyes and the audit log', () => {
  let stack: E2eStack;
  let url: string;
  const audit = async (query = '') => (await http('GET', `${url}/audit?limit=1000${query}`, undefined, as('alice'))).body.items as any[];
  const waitForApproval = (runId: string) =>
    waitFor(async () => ((await http('GET', `${url}/approvals`, undefined, as('vic'))).body.items as any[]).find((a) => a.runId === runId), { timeoutMs: 30_000, what: `the approval of ${runId}` });
  const runOf = (runId: string, statuses: string[]) =>
    waitFor(
      async () => {
        const run = (await http('GET', `${url}/runs/${runId}`, undefined, as('vic'))).body;
        return statuses.includes(run.status) ? run : undefined;
      },
      { timeoutMs: 60_000, what: `run ${runId} to be ${statuses.join('/')}` },
    );

  beforeAll(async () => {
    stack = await startE2eStack({
      env: { API_KEYS: `alice:admin=${K.alice},ana:analyst=${K.ana},vic:viewer=${K.vic},sam:analyst+approver=${K.sam},pat:approver=${K.pat}` },
    });
    url = stack.apiUrl;
    expect((await http('POST', `${url}/playbooks`, readAlertPlaybook(), as('alice'))).status).toBe(201);
    expect((await http('POST', `${url}/playbooks`, workflowYaml('contain-alert-machine'), as('alice'))).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  it('no key → 401, vic (viewer) starting a run → 403, vic listing runs → 200, ana (analyst) starting → 202, and alice sees it in the audit log', async () => {
    expect((await http('GET', `${url}/runs`)).status).toBe(401);
    const refused = await http('POST', `${url}/playbooks/read-alert/runs`, { inputs: { alert_id: SEED.alerts.credentialTheftOnDomainController } }, as('vic'));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'ROLE_REQUIRED', message: 'POST /api/playbooks/{name}/runs needs the role admin or analyst; vic holds viewer' });
    expect((await http('GET', `${url}/runs`, undefined, as('vic'))).status).toBe(200);
    const started = await http('POST', `${url}/playbooks/read-alert/runs`, { inputs: { alert_id: SEED.alerts.credentialTheftOnDomainController } }, as('ana'));
    expect(started.status).toBe(202);

    const starts = await audit('&action=startRun');
    expect(starts).toEqual([
      expect.objectContaining({ actor: 'ana', roles: ['analyst'], source: 'api-key', action: 'startRun', target: 'playbook:read-alert', status: 202, outcome: `run:${started.body.runId}`, clientAddress: expect.stringMatching(/127\.0\.0\.1/) }),
      expect.objectContaining({ actor: 'vic', roles: ['viewer'], action: 'startRun', target: 'playbook:read-alert', status: 403, outcome: 'ROLE_REQUIRED' }),
    ]);
    // Only an admin reads the audit log.
    expect((await http('GET', `${url}/audit`, undefined, as('ana'))).status).toBe(403);
  });

  it("the starter cannot approve his own run's isolation; another approver can; a decision after cancel gets 409; all of it is audited", async () => {
    const alertId = SEED.alerts.registryPersistenceOnSales; // Medium: isolation waits for an approval
    const inputs = { alert_id: alertId, approvers: ['role:approver'] };
    const first = await http('POST', `${url}/playbooks/contain-alert-machine/runs`, { inputs }, as('sam'));
    expect(first.status).toBe(202);
    const approval = await waitForApproval(first.body.runId);

    const own = await http('POST', `${url}/approvals/${approval.id}/decision`, { decision: 'approve', comment: 'mine' }, as('sam'));
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('SELF_APPROVAL');
    expect(own.body.error.message).toContain(`sam started run ${first.body.runId} and may not approve it (four eyes)`);

    const other = await http('POST', `${url}/approvals/${approval.id}/decision`, { decision: 'approve', comment: 'checked the alert' }, as('pat'));
    expect(other.status).toBe(201);
    expect(other.body).toMatchObject({ decision: 'approve', decidedBy: 'pat' });
    const run = await runOf(first.body.runId, ['succeeded', 'failed']);
    expect(run.steps.find((s: any) => s.id === 'isolate')).toMatchObject({ status: 'succeeded' });
    expect(run.outputs).toMatchObject({ isolated: true, decision: 'approve' });
    const stored = await stack.db.approval.findUniqueOrThrow({ where: { id: approval.id } });
    expect(stored).toMatchObject({ decidedBy: 'pat', decidedSource: 'api-key', comment: 'checked the alert', decidedAt: expect.any(Date) });

    const second = await http('POST', `${url}/playbooks/contain-alert-machine/runs`, { inputs }, as('sam'));
    const secondApproval = await waitForApproval(second.body.runId);
    expect((await http('POST', `${url}/runs/${second.body.runId}/cancel`, undefined, as('ana'))).status).toBe(200);
    const late = await http('POST', `${url}/approvals/${secondApproval.id}/decision`, { decision: 'approve' }, as('pat'));
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(`approval ${secondApproval.id} belongs to run ${second.body.runId}, which is cancelled`);

    const rows = await audit();
    const line = (r: any) => `${r.actor} ${r.action} ${r.target} ${r.status} ${r.outcome ?? ''}`.trim();
    // Every write, in order (the first test's starts sit between the saves and these).
    expect(rows.map(line).reverse().filter((l) => !l.includes('playbook:read-alert') || l.startsWith('alice'))).toEqual(
      [
        'alice savePlaybook playbook:read-alert 201 version:1',
        'alice savePlaybook playbook:contain-alert-machine 201 version:1',
        `sam startRun playbook:contain-alert-machine 202 run:${first.body.runId}`,
        `sam decideApproval approval:${approval.id} 403 SELF_APPROVAL`,
        `pat decideApproval approval:${approval.id} 201 approve (run:${first.body.runId})`,
        `sam startRun playbook:contain-alert-machine 202 run:${second.body.runId}`,
        `ana cancelRun run:${second.body.runId} 200`,
        `pat decideApproval approval:${secondApproval.id} 409 CONFLICT`,
      ],
    );
  });

  it('an analyst naming himself as the approver gets no approval: run inputs may narrow the approvers, never add', async () => {
    const started = await http('POST', `${url}/playbooks/contain-alert-machine/runs`, { inputs: { alert_id: SEED.alerts.registryPersistenceOnSales, approvers: ['sam'] } }, as('sam'));
    expect(started.status).toBe(202);
    const run = await runOf(started.body.runId, ['failed']);
    expect(run.steps.find((s: any) => s.id === 'approve')).toMatchObject({ status: 'failed', error: { code: 'APPROVERS_NOT_ALLOWED' } });
    expect(run.steps.find((s: any) => s.id === 'approve').error.message).toBe("narrow_to may only narrow the playbook's approvers (role:approver, role:admin): sam is not among them");
    expect(run.steps.find((s: any) => s.id === 'isolate').status).not.toBe('succeeded');
    expect(await stack.db.approval.count({ where: { runId: started.body.runId } })).toBe(0);
  });

  it('keeps the audit log append-only in the database and exports it as CSV', async () => {
    await expect(stack.db.$executeRawUnsafe(`UPDATE audit_entries SET actor = 'someone-else'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(stack.db.$executeRawUnsafe(`DELETE FROM audit_entries`)).rejects.toThrow(/append-only: DELETE refused/);
    const csv = await http('GET', `${url}/audit?format=csv&actor=pat`, undefined, as('alice'));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,roles,source,action,target,status,outcome,clientAddress,correlationId');
    expect(lines.slice(1).every((l) => l.includes('"pat","approver","api-key","decideApproval"'))).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const viaAccept = await http('GET', `${url}/audit?actor=pat`, undefined, { ...as('alice'), accept: 'text/csv' });
    expect(viaAccept.text).toBe(csv.text);
    const paged = await http('GET', `${url}/audit?limit=1`, undefined, as('alice'));
    expect(paged.body.items).toHaveLength(1);
    const next = await http('GET', `${url}/audit?limit=1&cursor=${paged.body.nextCursor}`, undefined, as('alice'));
    expect(BigInt(next.body.items[0].id)).toBeLessThan(BigInt(paged.body.items[0].id));
    expect((await http('GET', `${url}/audit?since=yesterday`, undefined, as('alice'))).status).toBe(400);
  });

  it('admins create stored keys (shown once, hashed), list them with last use, and revoke them; expired and revoked keys get 401', async () => {
    const created = await http('POST', `${url}/keys`, { name: 'nightly-report', roles: ['viewer'] }, as('alice'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'nightly-report', roles: ['viewer'], createdBy: 'alice', expiresAt: null, lastUsedAt: null, revokedAt: null, key: expect.stringMatching(/^soar_[A-Za-z0-9_-]{43}$/) });
    const robot = { authorization: `Bearer ${created.body.key}` };
    expect((await http('GET', `${url}/runs`, undefined, robot)).status).toBe(200);
    expect((await http('POST', `${url}/playbooks/read-alert/runs`, { inputs: { alert_id: 'x' } }, robot)).status).toBe(403);
    const row = await stack.db.apiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(JSON.stringify(row)).not.toContain(created.body.key);

    const listed = await http('GET', `${url}/keys`, undefined, as('alice'));
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.body.id, lastUsedAt: expect.any(String), revokedAt: null })]);
    expect(listed.text).not.toContain(created.body.key);
    expect((await http('POST', `${url}/keys`, { name: 'nightly-report', roles: ['viewer'] }, as('alice'))).status).toBe(409);
    expect((await http('POST', `${url}/keys`, { name: 'x', roles: ['root'] }, as('alice'))).status).toBe(400);
    expect((await http('POST', `${url}/keys`, { name: 'sneaky', roles: ['admin'] }, as('ana'))).status).toBe(403);

    const revoked = await http('DELETE', `${url}/keys/${created.body.id}`, undefined, as('alice'));
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await http('GET', `${url}/runs`, undefined, robot)).status).toBe(401);

    const shortLived = await http('POST', `${url}/keys`, { name: 'short-lived', roles: ['viewer'], expiresAt: new Date(Date.now() + 1500).toISOString() }, as('alice'));
    const shortKey = { authorization: `Bearer ${shortLived.body.key}` };
    expect((await http('GET', `${url}/runs`, undefined, shortKey)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await http('GET', `${url}/runs`, undefined, shortKey)).status).toBe(401);

    const keyRows = (await audit()).filter((r) => ['createApiKey', 'revokeApiKey'].includes(r.action));
    expect(keyRows.map((r) => `${r.actor} ${r.action} ${r.status}`)).toEqual(
      expect.arrayContaining(['alice createApiKey 201', 'alice revokeApiKey 200', 'ana createApiKey 403', 'alice createApiKey 409']),
    );
    expect(JSON.stringify(keyRows)).not.toContain(created.body.key);
  });
});
