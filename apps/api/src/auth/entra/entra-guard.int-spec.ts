import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { startDefenderSimulator, type RunningSimulator } from '@soar/defender-sim';
import { ApiKeyRepository, type Db } from '@soar/persistence';
import { createTestDb } from '@soar/testing';
import { apiEnvSchema } from '../../api.config';
import { ApiKeyGuard } from '../api-key.guard';
import { principalOf } from '../principal';
import { userAssertionOf } from '../user-assertion';
import { entraSettings } from './entra.config';
import { EntraTokenVerifier } from './entra-token-verifier';

/**
 * The guard's Entra branch against the simulated tenant: a verified user becomes an `entra`
 * principal and their token is kept as the user assertion (for On-Behalf-Of calls), beside the
 * principal and never inside it. Roles also come from ENTRA_GROUP_ROLES.
 */
describe('ApiKeyGuard with Entra sign-in', () => {
  let sim: RunningSimulator;
  let guard: ApiKeyGuard;
  let db: Db;
  beforeAll(async () => {
    sim = await startDefenderSimulator({ rateLimits: false, seed: false });
    db = createTestDb();
    const config = apiEnvSchema.parse({
      ENTRA_TENANT_ID: sim.tenantId,
      ENTRA_API_CLIENT_ID: sim.soarApps.apiClientId,
      ENTRA_CONSOLE_CLIENT_ID: sim.soarApps.consoleClientId,
      ENTRA_AUTHORITY: sim.apiBaseUrl,
      // ana's SOC tier 2 group approves too.
      ENTRA_GROUP_ROLES: '6a1f3c1e-2b7d-4c1a-9f5e-000000000002:approver',
      API_KEYS: 'robot:admin=robot-key-0123456789',
    });
    guard = new ApiKeyGuard(new Reflector(), config, new ApiKeyRepository(db), new EntraTokenVerifier(entraSettings(config)!));
  });
  afterAll(async () => {
    await db.$disconnect();
    await sim.close();
  });

  const contextFor = (req: Partial<Request>): ExecutionContext =>
    ({
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => ({ setHeader: () => undefined }) as unknown as Response }),
      getHandler: () => contextFor,
      getClass: () => ApiKeyGuard,
    }) as unknown as ExecutionContext;

  const tokenOf = async (username: string, password: string) => {
    const res = await fetch(`${sim.authority}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: sim.soarApps.consoleClientId, username, password, scope: sim.soarApps.apiScope }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };

  it('sets the entra principal (roles from the claim and the group map) and keeps the token as the user assertion', async () => {
    const token = await tokenOf('ana@contoso.test', 'ana-pass');
    const req = { headers: { authorization: `Bearer ${token}` } } as Request;
    await expect(guard.canActivate(contextFor(req))).resolves.toBe(true);
    expect(principalOf(req)).toEqual({ actor: 'ana@contoso.test', roles: ['analyst', 'approver'], groups: ['6a1f3c1e-2b7d-4c1a-9f5e-000000000002'], source: 'entra' });
    expect(userAssertionOf(req)).toBe(token);
    expect(JSON.stringify(principalOf(req))).not.toContain(token);
  });

  it('keeps no assertion for an API key, and refuses an invalid token without one', async () => {
    const keyed = { headers: { authorization: 'Bearer robot-key-0123456789' } } as Request;
    await guard.canActivate(contextFor(keyed));
    expect(principalOf(keyed)).toEqual({ actor: 'robot', roles: ['admin'], source: 'api-key' });
    expect(userAssertionOf(keyed)).toBeUndefined();

    const token = await tokenOf('vic@contoso.test', 'vic-pass');
    const forged = { headers: { authorization: `Bearer ${token.slice(0, -4)}AAAA` } } as Request;
    await expect(guard.canActivate(contextFor(forged))).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'the Entra access token signature is invalid' });
    expect(principalOf(forged)).toBeUndefined();
    expect(userAssertionOf(forged)).toBeUndefined();
  });
});
