import { defenderHostRefusal, parseDefenderAllowedHosts } from './allowed-hosts';

describe('Defender connection hosts (issue 12, item 7)', () => {
  it.each([
    ['commercial', 'https://login.microsoftonline.com', 'https://api.securitycenter.microsoft.com'],
    ['commercial, current host', 'https://login.microsoftonline.com', 'https://api.security.microsoft.com'],
    ['a geo host', 'https://login.microsoftonline.com', 'https://eu.api.security.microsoft.com'],
    ['a classic geo host', 'https://login.microsoftonline.com', 'https://api-uk.securitycenter.microsoft.com'],
    ['GCC', 'https://login.microsoftonline.com', 'https://api-gcc.securitycenter.microsoft.us'],
    ['GCC High / DoD', 'https://login.microsoftonline.us', 'https://api-gov.securitycenter.microsoft.us'],
    ['China', 'https://login.chinacloudapi.cn', 'https://api.securitycenter.azure.cn'],
  ])('allows the Microsoft cloud: %s', (_cloud, authorityHost, apiBaseUrl) => {
    expect(defenderHostRefusal({ authorityHost, apiBaseUrl }, [])).toBeUndefined();
  });

  it.each([
    ['another https host', { authorityHost: 'https://login.evil.example' }, 'authorityHost https://login.evil.example'],
    ['a look-alike suffix', { apiBaseUrl: 'https://api.securitycenter.microsoft.com.evil.example' }, 'apiBaseUrl'],
    ['a Microsoft host on another port', { apiBaseUrl: 'https://api.security.microsoft.com:8443' }, 'apiBaseUrl'],
    ['the internal network', { apiBaseUrl: 'https://169.254.169.254' }, 'apiBaseUrl https://169.254.169.254'],
    ['a sign-in host used as the API', { apiBaseUrl: 'https://login.microsoftonline.com' }, 'apiBaseUrl'],
  ])('refuses %s, naming the field and how to allow it', (_what, config, field) => {
    const refusal = defenderHostRefusal(config, []);
    expect(refusal).toContain(field);
    expect(refusal).toContain('DEFENDER_ALLOWED_HOSTS');
  });

  it('allows other hosts only through server configuration, port included', () => {
    const allowed = parseDefenderAllowedHosts('localhost:8443, sim.internal');
    expect(allowed).toEqual(['localhost:8443', 'sim.internal:443']);
    expect(defenderHostRefusal({ authorityHost: 'https://localhost:8443', apiBaseUrl: 'https://localhost:8443' }, allowed)).toBeUndefined();
    expect(defenderHostRefusal({ apiBaseUrl: 'https://sim.internal' }, allowed)).toBeUndefined();
    expect(defenderHostRefusal({ apiBaseUrl: 'https://localhost:8444' }, allowed)).toContain('apiBaseUrl');
  });
});
