import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';

/** A readiness check of one dependency; resolves with details when up, throws when down. */
export type DependencyCheck = () => Promise<Record<string, unknown> | void>;

/**
 * Turns a check into a terminus indicator bounded by `timeoutMs`: a dependency that hangs (a Redis
 * client retrying forever, a Postgres connect stuck on a dead route) reports down instead of
 * holding the probe until the kubelet gives up.
 */
export function dependencyProbe(indicators: HealthIndicatorService, key: string, check: DependencyCheck, timeoutMs = 3000): HealthIndicatorFunction {
  return async () => {
    const session = indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)));
      const details = await Promise.race([check(), timeout]);
      return session.up(details ?? {});
    } catch (error) {
      return session.down({ message: firstLine((error as Error)?.message ?? String(error)) });
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Driver errors can span lines with connection details; the first line says what failed. */
function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300);
}
