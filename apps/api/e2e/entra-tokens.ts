import type { RunningSimulator } from '@soar/defender-sim';

/** A user's access token for the SOAR API from the simulated tenant (password grant, as the CLI signs in). */
export async function userToken(sim: RunningSimulator, username: string, password: string): Promise<string> {
  const res = await fetch(`${sim.authority}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: sim.soarApps.consoleClientId, username, password, scope: `${sim.soarApps.apiScope} openid profile offline_access` }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`sign-in of ${username} failed: ${body.error_description}`);
  return body.access_token;
}
