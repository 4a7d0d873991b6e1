import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../../..');
const soarBin = path.join(repoRoot, 'apps/cli/bin/soar.js');

export interface SoarOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The child's environment: this process's, minus any SOAR_* the developer has set, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.SOAR_API_URL;
  delete base.SOAR_API_TOKEN;
  return { ...base, ...env };
}

/** Runs `soar <args>` as a user would (node + bin/soar.js) and waits for it, blocking this process. */
export function runSoarSync(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): SoarOutput {
  const res = spawnSync(process.execPath, [soarBin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: childEnv(options.env ?? {}),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (res.error) throw res.error;
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/**
 * Same, without blocking: needed when the API the CLI talks to runs in this very process (the
 * end-to-end stack, stub servers), since spawnSync would stop it from answering.
 */
export function runSoar(args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<SoarOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [soarBin, ...args], { cwd: options.cwd ?? repoRoot, env: childEnv(options.env ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`soar ${args.join(' ')} did not finish within ${options.timeoutMs ?? 60_000} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
