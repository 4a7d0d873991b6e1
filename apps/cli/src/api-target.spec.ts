import { DEFAULT_API_URL, resolveApiTarget } from './api-target';
import { UsageError } from './cli-error';

describe('resolveApiTarget', () => {
  it('defaults to the local API without a token', () => {
    expect(resolveApiTarget('push', {}, {})).toEqual({ baseUrl: DEFAULT_API_URL });
  });

  it('prefers --api over SOAR_API_URL and --token over SOAR_API_TOKEN', () => {
    const env = { SOAR_API_URL: 'http://env:1/api', SOAR_API_TOKEN: 'env-key' };
    expect(resolveApiTarget('run', {}, env)).toEqual({ baseUrl: 'http://env:1/api', token: 'env-key' });
    expect(resolveApiTarget('run', { api: 'https://soar.example/api/', token: 'flag-key' }, env)).toEqual({
      baseUrl: 'https://soar.example/api',
      token: 'flag-key',
    });
  });

  it('treats empty variables as unset', () => {
    expect(resolveApiTarget('run', {}, { SOAR_API_URL: '', SOAR_API_TOKEN: '' })).toEqual({ baseUrl: DEFAULT_API_URL });
  });

  it.each([
    ['not a url', 'is not a URL'],
    ['ftp://host/api', 'must start with http:// or https://'],
    ['http://alice:key@host/api', 'not in the URL'],
  ])('rejects %s', (api, message) => {
    expect(() => resolveApiTarget('push', { api }, {})).toThrow(UsageError);
    expect(() => resolveApiTarget('push', { api }, {})).toThrow(message);
  });
});
