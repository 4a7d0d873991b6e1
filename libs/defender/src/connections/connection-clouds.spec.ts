import { DEFENDER_CLOUDS } from '@soar/contracts';
import { resolveConnectionConfig, withConnectionDefaults, type DefenderConnectionConfig } from '../defender-connection.config';

const base: DefenderConnectionConfig = { name: 'c', tenantId: 't1', clientId: 'a1', credential: { kind: 'secret', clientSecret: 's' } };

describe('per-connection cloud', () => {
  it.each([
    ['commercial', 'https://login.microsoftonline.com/t1', 'https://api.securitycenter.microsoft.com', 'https://api.securitycenter.microsoft.com/.default'],
    // GCC signs in at the commercial authority but calls (and is scoped to) the GCC API.
    ['gcc', 'https://login.microsoftonline.com/t1', 'https://api-gcc.securitycenter.microsoft.us', 'https://api-gcc.securitycenter.microsoft.us/.default'],
    ['gcc-high', 'https://login.microsoftonline.us/t1', 'https://api-gov.securitycenter.microsoft.us', 'https://api-gov.securitycenter.microsoft.us/.default'],
    ['dod', 'https://login.microsoftonline.us/t1', 'https://api-gov.securitycenter.microsoft.us', 'https://api-gov.securitycenter.microsoft.us/.default'],
    ['china', 'https://login.chinacloudapi.cn/t1', 'https://api.securitycenter.azure.cn', 'https://api.securitycenter.azure.cn/.default'],
  ] as const)('%s sets authority, API and scope together', (cloud, authority, apiBaseUrl, scope) => {
    expect(resolveConnectionConfig({ ...base, cloud })).toMatchObject({ cloud, authority, apiBaseUrl, scope, knownAuthorities: [] });
  });

  it('every cloud’s scope is its own API’s /.default', () => {
    for (const cloud of Object.values(DEFENDER_CLOUDS)) expect(cloud.scope).toBe(`${cloud.apiBaseUrl}/.default`);
  });

  it('explicit hosts override the cloud one by one', () => {
    const c = resolveConnectionConfig({ ...base, cloud: 'gcc-high', apiBaseUrl: 'https://geo.example' });
    expect(c).toMatchObject({ authority: 'https://login.microsoftonline.us/t1', apiBaseUrl: 'https://geo.example', scope: DEFENDER_CLOUDS['gcc-high'].scope });
  });

  it('a connection without a cloud inherits the environment’s cloud and hosts; one with a cloud keeps it', () => {
    const env = { cloud: 'gcc' as const, authorityHost: 'https://localhost:8443' };
    expect(resolveConnectionConfig(withConnectionDefaults(base, env))).toMatchObject({
      authority: 'https://localhost:8443/t1',
      knownAuthorities: ['localhost:8443'],
      apiBaseUrl: DEFENDER_CLOUDS.gcc.apiBaseUrl,
    });
    expect(resolveConnectionConfig(withConnectionDefaults({ ...base, cloud: 'dod' }, env))).toMatchObject({ authority: 'https://login.microsoftonline.us/t1' });
    expect(resolveConnectionConfig(withConnectionDefaults({ ...base, knownAuthorities: ['sts.example'] }, env)).knownAuthorities).toEqual(['sts.example']);
  });

  it('a setting that cannot work is a ConnectionConfigError naming the connection', () => {
    expect(() => resolveConnectionConfig({ ...base, cloud: 'mars' as never })).toThrow('Defender connection "c" is misconfigured: unknown cloud "mars"');
    expect(() => resolveConnectionConfig({ ...base, apiBaseUrl: 'http://plain.example' })).toThrow(/apiBaseUrl must use https/);
  });
});
