import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { testRedisUrl } from '@soar/testing';
import { CredentialCipher } from '../connections/credential-cipher';
import { DelegatedTokenStore } from './delegated-token.store';

/** Delegated tokens in the real Redis: sealed, expiring with the token, per run and identity. */
describe('DelegatedTokenStore (Redis)', () => {
  const redis = new Redis(testRedisUrl);
  const prefix = `dts-${randomUUID().slice(0, 8)}`;
  const cipher = new CredentialCipher(randomBytes(32).toString('base64'));
  const store = new DelegatedTokenStore(redis, { prefix, cipher });
  afterAll(() => redis.quit());

  const token = (expiresInMs: number) => ({ kind: 'token' as const, accessToken: 'eyJ.delegated.token-value', expiresOn: new Date(Date.now() + expiresInMs).toISOString(), upn: 'ana@contoso.test', oid: 'oid-1' });

  it('keeps the token sealed in Redis, with a time to live equal to its expiry', async () => {
    const runId = randomUUID();
    await store.put({ runId, as: 'starter' }, token(600_000));
    const raw = await redis.get(`${prefix}:delegated:${runId}:starter`);
    expect(raw).not.toContain('token-value');
    const ttl = await redis.ttl(`${prefix}:delegated:${runId}:starter`);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
    expect(await store.get({ runId, as: 'starter' })).toEqual(expect.objectContaining({ accessToken: 'eyJ.delegated.token-value', upn: 'ana@contoso.test' }));
  });

  it('does not open a sealed token copied to another run', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await store.put({ runId: a, as: 'starter' }, token(600_000));
    await redis.set(`${prefix}:delegated:${b}:starter`, (await redis.get(`${prefix}:delegated:${a}:starter`))!);
    await expect(store.get({ runId: b, as: 'starter' })).rejects.toThrow();
  });

  it('keeps approvers apart by approval step, failures as they are, and nothing already expired', async () => {
    const runId = randomUUID();
    await store.put({ runId, as: 'approver', approvalStepId: 'approve' }, { kind: 'failed', code: 'DEFENDER_DELEGATION_CONSENT_REQUIRED', message: 'no consent' });
    expect(await store.get({ runId, as: 'approver', approvalStepId: 'approve' })).toEqual({ kind: 'failed', code: 'DEFENDER_DELEGATION_CONSENT_REQUIRED', message: 'no consent' });
    expect(await store.get({ runId, as: 'approver', approvalStepId: 'other' })).toBeNull();
    await store.put({ runId, as: 'starter' }, token(-1000));
    expect(await store.get({ runId, as: 'starter' })).toBeNull();
  });
});
