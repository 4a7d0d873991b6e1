import { maskSecrets, maskSecretsInText } from './mask-secrets';

describe('maskSecrets', () => {
  it.each([
    ['a string', 'Bearer abc123', { T: 'abc123' }, 'Bearer ***'],
    ['nested values and keys', { h: ['x abc123 y'], abc123: 1 }, { T: 'abc123' }, { h: ['x *** y'], '***': 1 }],
    ['every occurrence', 'abc123abc123', ['abc123'], '******'],
    ['longest secret first', 'token=abc123456', { A: 'abc123', B: 'abc123456' }, 'token=***'],
    ['ignores empty secrets', 'keep', { E: '' }, 'keep'],
    ['leaves other types alone', [1, true, null], { T: '1' }, [1, true, null]],
  ])('masks %s', (_name, value, secrets, expected) => {
    expect(maskSecrets(value as never, secrets)).toEqual(expected);
  });

  it('masks text', () => {
    expect(maskSecretsInText('failed with key k-1', { K: 'k-1' })).toBe('failed with key ***');
  });
});
