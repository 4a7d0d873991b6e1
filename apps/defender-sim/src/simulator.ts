import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Server } from 'node:http';
import path from 'node:path';
import { API_ROUTES } from './api/api-routes';
import { DOWNLOAD_ROUTES } from './api/downloads.routes';
import { GRAPH_ROUTES } from './graph/graph.routes';
import { ensureSimulatorCertificate } from './certificate';
import { RESOURCES, resolveRateLimits, type RuntimeConfig } from './config/runtime-config';
import { AlertGenerator } from './control/alert-generator';
import { startControlServer } from './control/control.server';
import { RequestLog } from './control/request-log';
import { FaultInjector } from './faults/fault-injector';
import { createHttpsRequestHandler } from './http/https-request-handler';
import { SIM_DEFAULTS, type RunningSimulator, type SimClient, type SimulatorOptions } from './options';
import { SlidingWindowLimiter } from './rate-limit/sliding-window-limiter';
import { buildSeed } from './seed/build-seed';
import type { SimContext } from './sim-context';
import { ActionOutcomeRules } from './state/action-outcome-rules';
import { SimStore } from './state/store';
import { ClientRegistry } from './sts/client-registry';
import { createSigningKey } from './sts/signing-key';
import { STS_ROUTES } from './sts/sts.routes';
import { DEFAULT_SOAR_APPS, SOAR_API_SCOPE_NAME } from './sts/user-sign-in/soar-apps';
import { UserSessionStore } from './sts/user-sign-in/user-sessions';
import { v2Issuer } from './sts/user-sign-in/user-token';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * Starts the Defender for Endpoint + Entra simulator: HTTPS (STS and `/api`) on localhost with
 * the shared self-signed certificate, and a plain-HTTP control API on 127.0.0.1.
 * Processes that call it need `NODE_EXTRA_CA_CERTS=<certPath>` (set before they start).
 */
export async function startDefenderSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const tenantId = options.tenantId ?? SIM_DEFAULTS.tenantId;
  const cert = await ensureSimulatorCertificate(options.certDir ?? path.join(REPO_ROOT, '.sim-state'));
  const config = initialConfig(options);
  const defaultClient: SimClient = { clientId: SIM_DEFAULTS.clientId, clientSecret: SIM_DEFAULTS.clientSecret, roles: [...SIM_DEFAULTS.roles], displayName: SIM_DEFAULTS.clientDisplayName };
  const sim: SimContext = {
    tenantId,
    store: new SimStore(),
    config,
    clients: new ClientRegistry(options.clients ?? [defaultClient]),
    signingKey: await createSigningKey(),
    outcomes: new ActionOutcomeRules(),
    soarApps: options.soarApps ?? DEFAULT_SOAR_APPS,
    userSessions: new UserSessionStore(),
    urls: { apiBaseUrl: '', authorityHost: '' },
    now: () => Date.now(),
  };
  // The SOAR API is a confidential client too: it exchanges users' tokens On-Behalf-Of them.
  if (!sim.clients.get(sim.soarApps.apiClientId)) {
    sim.clients.register({ clientId: sim.soarApps.apiClientId, clientSecret: sim.soarApps.apiClientSecret, roles: [], displayName: 'Defender SOAR API' });
  }
  const fixedSeedBase = options.seedBaseTime === undefined ? null : new Date(options.seedBaseTime).getTime();
  const reseed = () => sim.store.load(options.seed === false ? null : buildSeed(fixedSeedBase ?? sim.now(), tenantId));
  reseed();

  const log = new RequestLog();
  const faults = new FaultInjector();
  const limiter = new SlidingWindowLimiter();
  const generator = new AlertGenerator(sim);
  const handler = createHttpsRequestHandler({ sim, log, faults, limiter, apiRoutes: API_ROUTES, graphRoutes: GRAPH_ROUTES, plainRoutes: [...STS_ROUTES, ...DOWNLOAD_ROUTES] });

  const servers = await listenHttps({ cert: cert.certPem, key: cert.keyPem }, handler, options.port ?? 0);
  const port = (servers[0]!.address() as { port: number }).port;
  Object.assign(sim.urls, { apiBaseUrl: `https://localhost:${port}`, authorityHost: `localhost:${port}` });

  const control = await startControlServer({ sim, log, faults, limiter, generator, initialConfig: structuredClone(config), reseed }, options.controlPort ?? 0);
  if (options.alertGenerator) generator.start(options.alertGenerator);

  const first = options.clients?.[0];
  return {
    apiBaseUrl: sim.urls.apiBaseUrl,
    authorityHost: sim.urls.authorityHost,
    authority: `${sim.urls.apiBaseUrl}/${tenantId}`,
    controlUrl: `http://127.0.0.1:${control.port}`,
    tenantId,
    certPath: cert.certPath,
    defaultClient: first ? { clientId: first.clientId, clientSecret: first.clientSecret ?? '' } : { clientId: SIM_DEFAULTS.clientId, clientSecret: SIM_DEFAULTS.clientSecret },
    soarApps: { ...sim.soarApps, apiScope: `${sim.soarApps.apiAppIdUri}/${SOAR_API_SCOPE_NAME}` },
    userTokenIssuer: v2Issuer(tenantId),
    close: async () => {
      generator.stop();
      await Promise.all([...servers, control.server].map(closeServer));
    },
  };
}

function initialConfig(options: SimulatorOptions): RuntimeConfig {
  return {
    actionSchedule: { ...(options.actionSchedule ?? SIM_DEFAULTS.actionSchedule) },
    latencyMs: options.latencyMs ?? 0,
    rateLimits: resolveRateLimits(options.rateLimits),
    conflictMode: options.conflictMode ?? 'error',
    pageSize: options.pageSize ?? SIM_DEFAULTS.pageSize,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? SIM_DEFAULTS.tokenLifetimeSeconds,
    isolateWhenIsolated: 'succeed',
    offboardStatusCode: 201,
    packageUriQuoted: true,
    acceptedAudiences: [...RESOURCES],
    consentMissingFor: [],
  };
}

/**
 * Listens on 127.0.0.1 and, when the host has IPv6 loopback, on [::1] with the same port, so
 * `localhost` works whichever address a client resolves first.
 */
async function listenHttps(tls: { cert: string; key: string }, handler: ReturnType<typeof createHttpsRequestHandler>, port: number): Promise<HttpsServer[]> {
  const make = () =>
    createHttpsServer(tls, (req, res) => {
      handler(req, res).catch((error: unknown) => {
        // Never leave a request hanging on a simulator bug.
        console.error('[defender-sim] unhandled request failure', error);
        res.destroy();
      });
    });
  const v4 = make();
  await listen(v4, port, '127.0.0.1');
  const actualPort = (v4.address() as { port: number }).port;
  const v6 = make();
  try {
    await listen(v6, actualPort, '::1');
    return [v4, v6];
  } catch {
    return [v4];
  }
}

function listen(server: Server | HttpsServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server | HttpsServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
