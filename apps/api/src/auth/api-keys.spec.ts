import { parseApiKeys, sha256 } from './api-keys';

describe('parseApiKeys', () => {
  it('is local mode (no keys) when empty or blank', () => {
    expect(parseApiKeys(undefined)).toEqual({ ok: true, entries: [] });
    expect(parseApiKeys('  ')).toEqual({ ok: true, entries: [] });
  });

  it('keeps each name with the SHA-256 of its key, trimming spaces', () => {
    expect(parseApiKeys(' alice=k1 , bob=k=2')).toEqual({
      ok: true,
      entries: [
        { name: 'alice', roles: [], digest: sha256('k1') },
        { name: 'bob', roles: [], digest: sha256('k=2') },
      ],
    });
  });

  it('reads roles from name:role+role=key where roles are allowed, the key keeping any colon', () => {
    expect(parseApiKeys('alice:admin+soc-lead=k:1,bob=k2', { roles: true })).toEqual({
      ok: true,
      entries: [
        { name: 'alice', roles: ['admin', 'soc-lead'], digest: sha256('k:1') },
        { name: 'bob', roles: [], digest: sha256('k2') },
      ],
    });
  });

  it('with roles required (API_KEYS), refuses an entry without roles showing the form, and unknown roles', () => {
    expect(parseApiKeys('alice:admin=k1,ana:analyst+approver=k2', { roles: 'required' })).toMatchObject({ ok: true });
    expect(parseApiKeys('alice:admin=k1,bob=secret-key', { roles: 'required' })).toEqual({
      ok: false,
      problems: ['entry 2 (bob) has no role: give each key its roles, e.g. API_KEYS="alice:admin=<key>,ana:analyst+approver=<key>,vic:viewer=<key>"'],
    });
    expect(parseApiKeys('bob:soc-lead=secret-key', { roles: 'required' })).toEqual({
      ok: false,
      problems: ['entry 1 (bob) has an unknown role soc-lead (roles: admin, author, analyst, approver, viewer)'],
    });
  });

  it('refuses roles where keys have none (intake keys) and malformed roles', () => {
    expect(parseApiKeys('hook:admin=secret-key')).toEqual({ ok: false, problems: ['entry 1 has an invalid name (letters, digits, . _ @ - only)'] });
    expect(parseApiKeys('alice:=secret-key', { roles: true })).toEqual({
      ok: false,
      problems: ['entry 1 has an invalid role (write name:role+role=key; letters, digits, . _ - only)'],
    });
  });

  it.each([
    ['alice=', ['entry 1 (alice) has an empty key']],
    ['alice', ['entry 1 has no "=" (write name=key)']],
    ['=secret-key', ['entry 1 has an empty name (letters, digits, . _ @ - only)']],
    ['al ice=secret-key', ['entry 1 has an invalid name (letters, digits, . _ @ - only)']],
    ['a=secret-key,,b=other-key', ['entry 2 is empty (write name=key, separated by commas)']],
    ['a=secret-key,a=other-key', ['entries 1 and 2 have the same name a']],
    ['a=secret-key,b=x,c=secret-key', ['entries 1 (a) and 3 (c) have the same key']],
    ['alice=,bob', ['entry 1 (alice) has an empty key', 'entry 2 has no "=" (write name=key)']],
  ])('refuses %s, naming every bad entry by position and never a key', (spec, problems) => {
    const result = parseApiKeys(spec);
    expect(result).toEqual({ ok: false, problems });
    expect(JSON.stringify(result)).not.toContain('secret-key');
    expect(JSON.stringify(result)).not.toContain('other-key');
  });
});
