import type { CliContext } from '../cli-context';

/** A CliContext that records what a command prints, for in-process tests. */
export function captureContext(env: Record<string, string | undefined> = {}): CliContext & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line), env };
}
