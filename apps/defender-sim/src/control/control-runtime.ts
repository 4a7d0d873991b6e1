import type { RuntimeConfig } from '../config/runtime-config';
import type { FaultInjector } from '../faults/fault-injector';
import type { SlidingWindowLimiter } from '../rate-limit/sliding-window-limiter';
import type { SimContext } from '../sim-context';
import type { AlertGenerator } from './alert-generator';
import type { RequestLog } from './request-log';

/** What the control API can see and change. */
export interface ControlRuntime {
  sim: SimContext;
  log: RequestLog;
  faults: FaultInjector;
  limiter: SlidingWindowLimiter;
  generator: AlertGenerator;
  initialConfig: RuntimeConfig;
  /** Reloads the seed (or empties the store when seeding is off). */
  reseed(): void;
}
