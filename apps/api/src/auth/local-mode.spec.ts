import { listenHost } from './local-mode';
import type { ApiKeyEntry } from './api-keys';

const KEY: ApiKeyEntry = { name: 'alice', roles: ['admin'], digest: Buffer.alloc(32) };

describe('listenHost', () => {
  it('keeps local mode on the loopback address whatever HOST says, and says so', () => {
    const warnings: string[] = [];
    expect(listenHost({ API_KEYS: [], HOST: '0.0.0.0' }, (m) => warnings.push(m))).toBe('127.0.0.1');
    expect(warnings).toEqual([
      'HOST=0.0.0.0 ignored: without API_KEYS the API runs in local mode (no authentication) and listens on 127.0.0.1 only; set API_KEYS or Entra sign-in to listen on 0.0.0.0',
    ]);
  });

  it('uses HOST as given once authentication is configured, and loopback quietly', () => {
    const warnings: string[] = [];
    expect(listenHost({ API_KEYS: [KEY], HOST: '0.0.0.0' }, (m) => warnings.push(m))).toBe('0.0.0.0');
    expect(listenHost({ API_KEYS: [], HOST: '127.0.0.1' }, (m) => warnings.push(m))).toBe('127.0.0.1');
    expect(warnings).toEqual([]);
  });
});
