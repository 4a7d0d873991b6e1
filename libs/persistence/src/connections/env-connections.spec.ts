import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defenderEnvSchema } from '@soar/contracts';
import { resolveConnectionConfig } from '@soar/defender';
import { connectionsFromEnv } from './env-connections';

describe('connectionsFromEnv (DEFENDER_* variables and DEFENDER_CONNECTIONS_FILE)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'soar-conn-'));
    writeFileSync(path.join(dir, 'secret'), 's3cret\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (entries: unknown) => {
    const p = path.join(dir, 'connections.json');
    writeFileSync(p, JSON.stringify(entries));
    return p;
  };
  const resolved = (env: Record<string, string>) =>
    Object.fromEntries(connectionsFromEnv(defenderEnvSchema.parse(env)).map((c) => [c.name, resolveConnectionConfig(c)]));

  it('connections without a cloud follow the environment’s hosts; one with a cloud uses that cloud; knownAuthorities per connection', () => {
    const connections = resolved({
      DEFENDER_AUTHORITY_HOST: 'https://localhost:8443',
      DEFENDER_API_BASE_URL: 'https://localhost:8443',
      DEFENDER_CONNECTIONS_FILE: file([
        { name: 'contoso', tenantId: 't1', clientId: 'a1', clientSecretFile: path.join(dir, 'secret') },
        { name: 'fabrikam', tenantId: 't2', clientId: 'a2', clientSecretFile: path.join(dir, 'secret'), cloud: 'gcc-high' },
        { name: 'proxied', tenantId: 't3', clientId: 'a3', clientSecretFile: path.join(dir, 'secret'), authorityHost: 'https://sts.proxy.example', knownAuthorities: ['sts.proxy.example'] },
      ]),
    });
    expect(connections.contoso).toMatchObject({ authority: 'https://localhost:8443/t1', apiBaseUrl: 'https://localhost:8443', knownAuthorities: ['localhost:8443'] });
    expect(connections.fabrikam).toMatchObject({ cloud: 'gcc-high', authority: 'https://login.microsoftonline.us/t2', apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us' });
    expect(connections.proxied).toMatchObject({ authority: 'https://sts.proxy.example/t3', apiBaseUrl: 'https://localhost:8443', knownAuthorities: ['sts.proxy.example'] });
  });

  it('DEFENDER_CLOUD sets the default connection’s three values', () => {
    expect(resolved({ DEFENDER_CLOUD: 'gcc' }).default).toMatchObject({
      authority: 'https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111',
      apiBaseUrl: 'https://api-gcc.securitycenter.microsoft.us',
      scope: 'https://api-gcc.securitycenter.microsoft.us/.default',
    });
  });

  it('a broken connections file is a configuration error listing each problem; a missing credential file names the key', () => {
    expect(() =>
      resolved({ DEFENDER_CONNECTIONS_FILE: file([{ name: 'x', tenantId: 't', clientId: 'c', clientSecretFile: 's', cloud: 'mars' }, { name: 'Y!', tenantId: 't', clientId: 'c', clientSecretFile: 's' }]) }),
    ).toThrow(/DEFENDER_CONNECTIONS_FILE .*: \[0\]\.cloud: Invalid option: expected one of "commercial".*\n.*\[1\]\.name: /);
    expect(() => resolved({ DEFENDER_CONNECTIONS_FILE: file([{ name: 'x', tenantId: 't', clientId: 'c' }]) })).toThrow(/\[0\]: give exactly one of clientSecretFile and certificateKeyFile/);
    expect(() => resolved({ DEFENDER_CONNECTIONS_FILE: file([{ name: 'x', tenantId: 't', clientId: 'c', certificateKeyFile: '/nope.pem' }]) })).toThrow(
      'Defender connection "x" is misconfigured: certificateKeyFile /nope.pem cannot be read (ENOENT)',
    );
  });
});
