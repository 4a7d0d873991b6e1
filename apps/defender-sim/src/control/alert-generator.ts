import type { SimContext } from '../sim-context';
import { createAlert } from '../state/new-alert';
import { resolveAlertTemplate } from './alert-templates';

/** Raises a new alert every `everyMs`, for polling/ingestion tests. The timer never keeps the process alive. */
export class AlertGenerator {
  private timer: NodeJS.Timeout | null = null;
  private current: { everyMs: number; template?: string } | null = null;

  constructor(private readonly sim: SimContext) {}

  start(options: { everyMs: number; template?: string }): void {
    // Fail fast on a bad template instead of on the first tick.
    resolveAlertTemplate(this.sim.store, this.sim.tenantId, this.sim.now(), options.template);
    this.stop();
    this.current = options;
    this.timer = setInterval(() => {
      const now = this.sim.now();
      createAlert(this.sim.store, now, { template: resolveAlertTemplate(this.sim.store, this.sim.tenantId, now, options.template) });
    }, options.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.current = null;
  }

  status(): { everyMs: number; template?: string } | null {
    return this.current;
  }
}
