import type { HealthCheckResult } from '@nestjs/terminus';

/** The slice of an HTTP response this needs (express's Response has it). */
interface StatusSetter {
  status(code: number): unknown;
}

/**
 * Runs a terminus check and answers its report either way: 200 when up, 503 with the same report
 * (which dependency is down, and why) when not. Terminus signals "down" by throwing an HTTP
 * exception; answering here keeps the report out of the API's generic error filter and error log.
 */
export async function healthAnswer(check: () => Promise<HealthCheckResult>, res: StatusSetter): Promise<HealthCheckResult> {
  try {
    return await check();
  } catch (error) {
    const report = (error as { getResponse?: () => unknown }).getResponse?.();
    if (!report || typeof report !== 'object' || !('status' in report)) throw error;
    res.status(503);
    return report as HealthCheckResult;
  }
}
