import { ConfigError } from '@soar/contracts';
import { loadApiConfig } from '../../api.config';
import { entraSettings } from './entra.config';

describe('Entra settings at start', () => {
  const tenant = '11111111-1111-1111-1111-111111111111';
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadApiConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).message.split('\n').filter((l) => l.includes('ENTRA'));
    }
  };

  it('refuses half a configuration, naming each missing variable', () => {
    const problems = problemsOf({ ENTRA_TENANT_ID: tenant });
    expect(problems.join('\n')).toMatch(/ENTRA_API_CLIENT_ID: required when ENTRA_TENANT_ID is set/);
    expect(problems.join('\n')).toMatch(/ENTRA_CONSOLE_CLIENT_ID: required when ENTRA_TENANT_ID is set/);
  });

  it('refuses a plain-http authority and malformed ids', () => {
    const problems = problemsOf({ ENTRA_TENANT_ID: 'contoso', ENTRA_API_CLIENT_ID: tenant, ENTRA_CONSOLE_CLIENT_ID: tenant, ENTRA_AUTHORITY: 'http://login.example' }).join('\n');
    expect(problems).toMatch(/ENTRA_TENANT_ID: a directory \(tenant\) id, a GUID/);
    expect(problems).toMatch(/ENTRA_AUTHORITY: an https URL/);
  });

  it('derives the authority and the default scope', () => {
    const config = loadApiConfig({ ENTRA_TENANT_ID: tenant, ENTRA_API_CLIENT_ID: '33333333-3333-4333-8333-333333333333', ENTRA_CONSOLE_CLIENT_ID: '44444444-4444-4444-8444-444444444444' });
    expect(entraSettings(config)).toMatchObject({ authority: `https://login.microsoftonline.com/${tenant}`, apiScope: 'api://33333333-3333-4333-8333-333333333333/access_as_user', clockSkewSeconds: 60 });
    expect(entraSettings(loadApiConfig({}))).toBeNull();
  });
});
