import type { z } from 'zod';
import { ConfigError } from '@soar/contracts';
import { ConnectionConfigError, assertConnectionUsable } from '@soar/defender';
import { simEnvSchema } from '@soar/defender-sim';
import { connectionsFromEnv } from '@soar/persistence';
import { apiEnvSchema } from '../apps/api/src/api.config';
import { workerEnvSchema } from '../apps/worker/src/worker.config';

/** Every process `npm start` runs, with the schema it parses its environment with at boot. */
export const PROCESS_ENV_SCHEMAS: ReadonlyArray<{ process: string; schema: z.ZodObject }> = [
  { process: 'api', schema: apiEnvSchema },
  { process: 'worker', schema: workerEnvSchema },
  { process: 'defender-sim', schema: simEnvSchema },
];

/**
 * Checks the environment against every process's schema before anything starts, so one bad value
 * in the worker's variables is not found only after the database was prepared and the API is up.
 * A variable shared by several processes is listed once, with the processes that read it.
 * Throws ConfigError (its message is the whole list, values never included).
 */
export function validateStartEnvironment(env: Record<string, string | undefined>, options: { simulator: boolean }): void {
  const problems = new Map<string, string[]>();
  for (const { process, schema } of PROCESS_ENV_SCHEMAS) {
    if (process === 'defender-sim' && !options.simulator) continue;
    const result = schema.safeParse(env);
    if (result.success) continue;
    for (const issue of result.error.issues) {
      const line = `${issue.path.join('.') || '(environment)'}: ${issue.message}`;
      problems.set(line, [...(problems.get(line) ?? []), process]);
    }
  }
  if (problems.size > 0) throw new ConfigError([...problems].map(([line, processes]) => `${line} (${processes.join(', ')})`));
  checkConnections(env);
}

/**
 * Builds every configured Defender connection's sign-in client as the API and the worker will
 * (credential files readable, certificate PEM usable, URLs https), without calling anyone.
 */
function checkConnections(env: Record<string, string | undefined>): void {
  const config = apiEnvSchema.parse(env);
  let connections;
  try {
    connections = connectionsFromEnv(config);
  } catch (error) {
    if (error instanceof ConnectionConfigError) throw new ConfigError([error.message]);
    throw error;
  }
  const problems: string[] = [];
  for (const connection of connections) {
    try {
      assertConnectionUsable(connection);
    } catch (error) {
      if (!(error instanceof ConnectionConfigError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
