import type { DefenderConnectionConfig } from '../defender-connection.config';
import { DefenderConnectionResolver as ConnectionResolver } from './defender-connection.resolver';

const connection = (hosts: Partial<DefenderConnectionConfig>): DefenderConnectionConfig => ({
  name: 'default',
  tenantId: 't',
  clientId: 'c',
  credential: { kind: 'secret', clientSecret: 'client-secret-value' },
  ...hosts,
});

describe('ConnectionResolver host rule (issue 12, item 7)', () => {
  it('refuses, at start, a configured connection whose hosts are neither Microsoft’s nor allowed', () => {
    expect(() => new ConnectionResolver({ configs: [connection({ authorityHost: 'https://login.attacker.example' })] })).toThrow(
      expect.objectContaining({ code: 'DEFENDER_CONNECTION_HOST_NOT_ALLOWED', message: expect.stringContaining('authorityHost') }),
    );
  });

  it('accepts Microsoft’s clouds, and other hosts once the server allows them', () => {
    expect(new ConnectionResolver({ configs: [connection({ apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us', authorityHost: 'https://login.microsoftonline.us' })] }).names()).toEqual(['default']);
    const sim = connection({ authorityHost: 'https://localhost:8443', apiBaseUrl: 'https://localhost:8443' });
    expect(() => new ConnectionResolver({ configs: [sim] })).toThrow(/DEFENDER_ALLOWED_HOSTS/);
    expect(new ConnectionResolver({ configs: [sim], allowedHosts: ['localhost:8443'] }).names()).toEqual(['default']);
  });
});
