import { SEED, type RunningSimulator } from '@soar/defender-sim';
import { mapLimit } from './stats';

/**
 * Alerts on machines of their own, one per isolation run: Defender reports a second isolation of a
 * machine with one still pending as a conflict (and the step then fails, as it should), so runs
 * that shared the seed's few machines measured Defender conflicts, not the engine. Each target is a
 * copy of a seed machine with its own id and name, and a new alert that fired on it.
 */
export async function createIsolationTargets(sim: RunningSimulator, count: number, label: string): Promise<string[]> {
  const control = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${sim.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`simulator ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  return mapLimit(Array.from({ length: count }, (_, i) => i), 10, async (i) => {
    const name = `bench-${label}-${i}.contoso.local`;
    const machine = await control<{ id: string; computerDnsName: string }>('/machines', { copyOf: SEED.machines.financeWorkstation.id, fields: { computerDnsName: name } });
    const alert = await control<{ id: string }>('/alerts', { fields: { machineId: machine.id, computerDnsName: machine.computerDnsName, title: `Bench isolation target ${label} ${i}` } });
    return alert.id;
  });
}
