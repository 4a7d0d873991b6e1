import type { LogonUser } from '../state/entities';
import type { SimStore } from '../state/store';

/** Machines an account logged on to; user ids in the API are the account name only (REFERENCE §3.4). */
export function logonsOf(store: SimStore, accountName: string): { machineId: string; logon: LogonUser }[] {
  const name = accountName.toLowerCase();
  const result: { machineId: string; logon: LogonUser }[] = [];
  for (const [machineId, users] of store.logonUsers) {
    for (const logon of users) if (logon.accountName.toLowerCase() === name) result.push({ machineId, logon });
  }
  return result;
}

/** The User entity (samples/alert-user.json), aggregated over the account's logons. */
export function userEntity(store: SimStore, accountName: string, domainName: string | null): Record<string, unknown> | null {
  const logons = logonsOf(store, accountName);
  const first = logons[0];
  if (!first) return null;
  const byLastSeen = [...logons].sort((a, b) => b.logon.lastSeen.localeCompare(a.logon.lastSeen));
  return {
    id: `${(domainName ?? first.logon.accountDomain).toLowerCase()}\\${first.logon.accountName}`,
    accountName: first.logon.accountName,
    accountDomain: (domainName ?? first.logon.accountDomain).toLowerCase(),
    accountSid: first.logon.accountSid,
    firstSeen: logons.map((l) => l.logon.firstSeen).sort()[0],
    lastSeen: byLastSeen[0]!.logon.lastSeen,
    mostPrevalentMachineId: byLastSeen[0]!.machineId,
    leastPrevalentMachineId: byLastSeen[byLastSeen.length - 1]!.machineId,
    logonTypes: [...new Set(logons.map((l) => l.logon.logonTypes))].join(', '),
    logOnMachinesCount: new Set(logons.map((l) => l.machineId)).size,
    isDomainAdmin: logons.some((l) => l.logon.isDomainAdmin),
    isOnlyNetworkUser: logons.every((l) => l.logon.isOnlyNetworkUser),
  };
}
