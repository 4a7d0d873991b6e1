import { resolveConnectionConfig } from './defender-connection.config';
import { normalizeMachineAction } from './defender.client';
import { pollDelayMs, resolveHandlerOptions } from './handlers/handler-options';
import { stepTag } from './handlers/machine-action.flow';
import { odataString } from './odata';
import { tokenRoles } from './check-connection';

const base = { name: 'c', tenantId: 't-1', clientId: 'app', credential: { kind: 'secret' as const, clientSecret: 's' } };

describe('resolveConnectionConfig', () => {
  it('applies Microsoft defaults without extra known authorities', () => {
    expect(resolveConnectionConfig(base)).toMatchObject({
      authority: 'https://login.microsoftonline.com/t-1',
      knownAuthorities: [],
      apiBaseUrl: 'https://api.securitycenter.microsoft.com',
      scope: 'https://api.securitycenter.microsoft.com/.default',
      requestTimeoutMs: 30000,
    });
  });

  it('accepts a bare host:port (simulator) and trusts it as a known authority', () => {
    expect(resolveConnectionConfig({ ...base, authorityHost: 'localhost:8443', apiBaseUrl: 'https://localhost:8443/' })).toMatchObject({
      authority: 'https://localhost:8443/t-1',
      knownAuthorities: ['localhost:8443'],
      apiBaseUrl: 'https://localhost:8443',
    });
  });

  it('supports US Gov sign-in and refuses plain http', () => {
    expect(resolveConnectionConfig({ ...base, authorityHost: 'https://login.microsoftonline.us' }).authority).toBe('https://login.microsoftonline.us/t-1');
    expect(() => resolveConnectionConfig({ ...base, apiBaseUrl: 'http://api.example' })).toThrow(/https/);
  });
});

describe('machine action helpers', () => {
  it('reads both lastUpdateDateTimeUtc and the older lastUpdateTimeUtc', () => {
    const old = normalizeMachineAction({ id: 'a', type: 'Isolate', status: 'InProgress', lastUpdateTimeUtc: '2017-12-04T12:12:18.9725659Z' });
    expect(old).toMatchObject({ lastUpdateDateTimeUtc: '2017-12-04T12:12:18.9725659Z', lastUpdateTimeUtc: '2017-12-04T12:12:18.9725659Z' });
    const current = normalizeMachineAction({ id: 'a', type: 'Isolate', status: 'Pending', lastUpdateDateTimeUtc: '2024-10-21T11:25:48.330819Z' });
    expect(current).toMatchObject({ lastUpdateDateTimeUtc: '2024-10-21T11:25:48.330819Z', lastUpdateTimeUtc: '2024-10-21T11:25:48.330819Z' });
  });

  it('tags comments with run and step', () => {
    expect(stepTag({ runId: 'r-1', stepId: 'isolate_host' })).toBe('[soar run=r-1 step=isolate_host]');
  });

  it('polls with backoff from ~1 s capped at ~30 s', () => {
    const o = resolveHandlerOptions();
    expect([0, 1, 2, 3, 10].map((p) => pollDelayMs(p, o))).toEqual([1000, 1600, 2560, 4096, 30000]);
    expect(o.maxActionWaitMs).toBe(2 * 60 * 60 * 1000);
  });
});

describe('odataString / tokenRoles', () => {
  it('escapes quotes', () => {
    expect(odataString("o'brien")).toBe("'o''brien'");
  });

  it('reads roles (app) and scp (delegated) from a JWT payload', () => {
    const jwt = (payload: object) => `x.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.y`;
    expect(tokenRoles(jwt({ roles: ['Machine.Read.All', 'Alert.Read.All'] }))).toEqual(['Machine.Read.All', 'Alert.Read.All']);
    expect(tokenRoles(jwt({ scp: 'Machine.Read Alert.ReadWrite' }))).toEqual(['Machine.Read', 'Alert.ReadWrite']);
    expect(tokenRoles('garbage')).toEqual([]);
  });
});
