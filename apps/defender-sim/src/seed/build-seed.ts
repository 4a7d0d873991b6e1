import type { SeedData } from '../state/store';
import { seedAlerts } from './alerts.seed';
import { seedFiles } from './files.seed';
import { seedIndicators } from './indicators.seed';
import { seedMachineActions } from './machine-actions.seed';
import { seedMachines } from './machines.seed';
import { seedSoftware, seedVulnerabilities } from './tvm.seed';
import { seedLogonUsers } from './users.seed';

/**
 * The seed tenant. Ids and contents are fixed; timestamps are offsets from `base` so the data
 * looks recent (alerts inside the retention window, watermarks meaningful) whenever it is loaded.
 */
export function buildSeed(base: number, tenantId: string): SeedData {
  return {
    machines: seedMachines(base),
    initialFlags: {},
    alerts: seedAlerts(base, tenantId),
    machineActions: seedMachineActions(base),
    indicators: seedIndicators(base),
    files: seedFiles(base),
    logonUsers: seedLogonUsers(base),
    vulnerabilities: seedVulnerabilities(),
    software: seedSoftware(),
  };
}
