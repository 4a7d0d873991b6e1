// Standalone simulator for local runs: `node -r ./tools/register.js apps/defender-sim/src/main.ts`.
import { simEnvSchema as envSchema } from './sim-env.schema';
import { startDefenderSimulator } from './simulator';

async function main(): Promise<void> {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    console.error(`Invalid simulator environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
    process.exit(1);
  }
  const env = parsed.data;
  const sim = await startDefenderSimulator({
    port: env.SIM_PORT,
    controlPort: env.SIM_CONTROL_PORT,
    certDir: env.SIM_CERT_DIR,
    seed: env.SIM_SEED === 'true' || env.SIM_SEED === '1',
  });
  console.log(`Defender simulator listening
  API base URL:   ${sim.apiBaseUrl}
  Authority:      ${sim.authority}   (msal knownAuthorities: ["${sim.authorityHost}"])
  Control API:    ${sim.controlUrl}
  Tenant:         ${sim.tenantId}
  Client:         ${sim.defaultClient.clientId} / ${sim.defaultClient.clientSecret}
  User sign-in:   SOAR API ${sim.soarApps.apiClientId} (scope ${sim.soarApps.apiScope}), console ${sim.soarApps.consoleClientId};
                  users in apps/defender-sim/src/identity/sim-users.ts (e.g. ana@contoso.test / ana-pass, analyst)
  Trust the cert: NODE_EXTRA_CA_CERTS=${sim.certPath}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received, closing simulator`);
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
