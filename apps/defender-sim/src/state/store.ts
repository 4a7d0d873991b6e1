import type { Alert, FileInfo, Indicator, LogonUser, Machine, Software, Vulnerability } from './entities';
import type { MachineActionRecord } from './machine-action-record';
import type { InitialMachineFlags } from './machine-flags';

/** Everything a seed (or a reset) loads. */
export interface SeedData {
  machines: Machine[];
  initialFlags: Record<string, InitialMachineFlags>;
  alerts: Alert[];
  machineActions: MachineActionRecord[];
  indicators: Indicator[];
  files: FileInfo[];
  logonUsers: Record<string, LogonUser[]>;
  vulnerabilities: Record<string, Vulnerability[]>;
  software: Record<string, Software[]>;
}

/**
 * The simulator's in-memory tenant. Maps keep insertion order, which gives lists a stable order
 * between pages.
 */
export class SimStore {
  readonly alerts = new Map<string, Alert>();
  readonly machines = new Map<string, Machine>();
  readonly initialFlags = new Map<string, InitialMachineFlags>();
  readonly machineActions = new Map<string, MachineActionRecord>();
  readonly indicators = new Map<string, Indicator>();
  /** Keyed by lower-case sha1. */
  readonly files = new Map<string, FileInfo>();
  readonly logonUsers = new Map<string, LogonUser[]>();
  readonly vulnerabilities = new Map<string, Vulnerability[]>();
  readonly software = new Map<string, Software[]>();
  private nextIndicatorId = 1;

  load(seed: SeedData | null): void {
    for (const map of [this.alerts, this.machines, this.initialFlags, this.machineActions, this.indicators, this.files, this.logonUsers, this.vulnerabilities, this.software]) {
      map.clear();
    }
    this.nextIndicatorId = 1000;
    if (!seed) return;
    // structuredClone: a reset must not see mutations made to the previous copy.
    const data = structuredClone(seed);
    for (const m of data.machines) this.machines.set(m.id, m);
    for (const [id, flags] of Object.entries(data.initialFlags)) this.initialFlags.set(id, flags);
    for (const a of data.alerts) this.alerts.set(a.id, a);
    for (const a of data.machineActions) this.machineActions.set(a.id, a);
    for (const i of data.indicators) this.indicators.set(i.id, i);
    for (const f of data.files) this.files.set(f.sha1.toLowerCase(), f);
    for (const [id, users] of Object.entries(data.logonUsers)) this.logonUsers.set(id, users);
    for (const [id, v] of Object.entries(data.vulnerabilities)) this.vulnerabilities.set(id, v);
    for (const [id, s] of Object.entries(data.software)) this.software.set(id, s);
    this.nextIndicatorId = Math.max(1000, ...data.indicators.map((i) => Number(i.id) + 1).filter(Number.isFinite));
  }

  /** GET machine accepts the id or the computer DNS name (case-insensitive). */
  findMachine(idOrName: string): Machine | undefined {
    const byId = this.machines.get(idOrName.toLowerCase()) ?? this.machines.get(idOrName);
    if (byId) return byId;
    const name = idOrName.toLowerCase();
    for (const m of this.machines.values()) if (m.computerDnsName.toLowerCase() === name) return m;
    return undefined;
  }

  /** Files are looked up by sha1 or sha256. */
  findFile(hash: string): FileInfo | undefined {
    const h = hash.toLowerCase();
    const bySha1 = this.files.get(h);
    if (bySha1) return bySha1;
    for (const f of this.files.values()) if (f.sha256.toLowerCase() === h) return f;
    return undefined;
  }

  actionsOfMachine(machineId: string): MachineActionRecord[] {
    return [...this.machineActions.values()].filter((a) => a.machineId === machineId);
  }

  allocateIndicatorId(): string {
    return String(this.nextIndicatorId++);
  }
}
