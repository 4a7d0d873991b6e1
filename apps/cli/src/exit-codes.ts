/**
 * What `soar` exits with, the same for every command so scripts can branch on it:
 * 0 success; 1 the playbooks have problems, were rejected, or the followed run failed or was
 * cancelled; 2 the command could not do its job (bad usage, API unreachable or refusing the
 * credentials, timeout while following a run).
 */
export const EXIT_CODES = { ok: 0, failed: 1, error: 2 } as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
