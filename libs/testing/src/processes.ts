import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');

export interface SpawnedApp {
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit (SIGKILL after a grace period). */
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

/** Starts one of our apps (e.g. `apps/worker/src/main.ts`) as a real separate process. */
export function spawnApp(entry: string, env: Record<string, string>): SpawnedApp {
  const preload = ['-r', path.join(__dirname, 'exit-with-parent.js'), '-r', path.join(repoRoot, 'tools/register.js')];
  const child = spawn(process.execPath, [...preload, path.join(repoRoot, entry)], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      // Generous: a graceful stop waits for the job in hand, and CI machines can be slow.
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
