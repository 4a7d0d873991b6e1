/**
 * The slice of a pino logger this lib uses; pass `pino()` or a child of it. Log objects never carry
 * tokens, secrets or request bodies.
 */
export interface DefenderLogger {
  debug(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export const silentLogger: DefenderLogger = { debug() {}, info() {}, warn() {} };
