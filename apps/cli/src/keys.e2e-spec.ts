import { randomBytes } from 'node:crypto';
// The end-to-end stack (simulator, API, worker processes) lives with the API's own e2e tests.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startE2eStack, type E2eStack } from '../../api/e2e/e2e-stack';
import { runSoar } from './testing/run-soar';

const ADMIN_KEY = randomBytes(32).toString('hex');
const VIEWER_KEY = randomBytes(32).toString('hex');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** `soar keys create|list|revoke` against the real API: the admin's automation keys. */
describe('soar keys, end to end', () => {
  let stack: E2eStack;
  let admin: Record<string, string>;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0, env: { API_KEYS: `root:admin=${ADMIN_KEY},val:viewer=${VIEWER_KEY}` } });
    admin = { SOAR_API_URL: stack.apiUrl, SOAR_API_TOKEN: ADMIN_KEY };
  });
  afterAll(() => stack?.stop());

  it('creates a key (printed once, alone on stdout), lists it with its last use, revokes it (then refused)', async () => {
    const created = await runSoar(['keys', 'create', '--name', 'nightly-report', '--roles', 'viewer,analyst', '--expires', '2099-01-01T00:00:00Z'], { env: admin });
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^soar_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(new RegExp(`^key nightly-report \\((${UUID})\\) created with roles viewer, analyst, expires 2099-01-01T00:00:00.000Z\\.`));
    const key = created.stdout.trim();
    const id = new RegExp(`\\((${UUID})\\)`).exec(created.stderr)![1]!;

    const used = await runSoar(['runs'], { env: { SOAR_API_URL: stack.apiUrl, SOAR_API_TOKEN: key } });
    expect(used.code).toBe(0);
    const listed = await runSoar(['keys', 'list'], { env: admin });
    expect(listed.stdout).toMatch(new RegExp(`^${id}  nightly-report  viewer\\+analyst  expires 2099-01-01T00:00:00.000Z  last used \\d{4}-.*  created by root `, 'm'));
    expect(listed.stdout).not.toContain(key);

    const revoked = await runSoar(['keys', 'revoke', id], { env: admin });
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^key nightly-report \\(${id}\\) revoked \\d{4}-`));
    const refused = await runSoar(['runs'], { env: { SOAR_API_URL: stack.apiUrl, SOAR_API_TOKEN: key } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('HTTP 401');
    expect((await runSoar(['keys', 'list'], { env: admin })).stdout).toContain(`  viewer+analyst  revoked `);
  });

  it('says what is wrong: an unknown role, a missing name, and a viewer who is not an admin (the role needed)', async () => {
    const unknown = await runSoar(['keys', 'create', '--name', 'x', '--roles', 'root'], { env: admin });
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('unknown role root; roles are admin, author, analyst, approver, viewer')]);
    expect((await runSoar(['keys', 'create', '--roles', 'viewer'], { env: admin })).stderr).toContain('give the key a name with --name');
    const viewer = await runSoar(['keys', 'list'], { env: { SOAR_API_URL: stack.apiUrl, SOAR_API_TOKEN: VIEWER_KEY } });
    expect(viewer.code).toBe(2);
    expect(viewer.stderr).toContain('GET /api/keys needs the role admin; val holds viewer [ROLE_REQUIRED]');
  });
});
