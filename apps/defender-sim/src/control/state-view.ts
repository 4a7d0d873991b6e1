import { renderMachineAction } from '../api/machine-action.view';
import type { SimContext } from '../sim-context';
import { machineFlags } from '../state/machine-flags';

/** Whole-tenant snapshot for tests, including device state Defender does not expose (isolation, restriction). */
export function stateView(sim: SimContext) {
  const now = sim.now();
  const { store } = sim;
  return {
    alerts: [...store.alerts.values()],
    machines: [...store.machines.values()].map((m) => ({ ...m, ...machineFlags(store.actionsOfMachine(m.id), store.initialFlags.get(m.id) ?? {}, now) })),
    machineActions: [...store.machineActions.values()].sort((a, b) => b.createdAt - a.createdAt).map((a) => renderMachineAction(a, now)),
    indicators: [...store.indicators.values()],
  };
}
