import type { LogonUser } from '../state/entities';
import { DAY_MS, HOUR_MS, toDefenderTime } from '../state/time';
import { fakeGuid } from './fake-hash';
import { SEED } from './seed-ids';

export interface SeedUser {
  accountName: string;
  domain: string;
  sid: string;
  upn: string | null;
  aadUserId: string | null;
  isDomainAdmin: boolean;
}

const sid = (rid: number): string => `S-1-5-21-3623811015-3361044348-30300820-${rid}`;
const contoso = (accountName: string, rid: number, isDomainAdmin = false): SeedUser => ({
  accountName,
  domain: 'CONTOSO',
  sid: sid(rid),
  upn: `${accountName}@contoso.com`,
  aadUserId: fakeGuid(`aad-user:${accountName}`),
  isDomainAdmin,
});

export const USERS = {
  jdoe: contoso(SEED.users.financeUser, 1013),
  asmith: contoso(SEED.users.hrUser, 1021),
  dlee: contoso(SEED.users.developer, 1107),
  mbrown: contoso(SEED.users.domainAdmin, 1105, true),
  svcSql: contoso(SEED.users.sqlService, 1201),
  sales: contoso('rpatel', 1030),
  designer: contoso('mgarcia', 1044),
  wwwData: { accountName: 'www-data', domain: 'lnx-web-03', sid: 'S-1-5-21-0-0-0-33', upn: null, aadUserId: null, isDomainAdmin: false },
} satisfies Record<string, SeedUser>;

type MachineKey = keyof typeof SEED.machines;
const LOGONS: [MachineKey, SeedUser, string][] = [
  ['financeWorkstation', USERS.jdoe, 'Interactive'],
  ['financeWorkstation', USERS.mbrown, 'Network'],
  ['hrWorkstation', USERS.asmith, 'Interactive'],
  ['developerWorkstation', USERS.dlee, 'Interactive'],
  ['salesWorkstation', USERS.sales, 'Interactive'],
  ['domainController', USERS.mbrown, 'RemoteInteractive'],
  ['domainController', USERS.jdoe, 'Network'],
  ['sqlServer', USERS.svcSql, 'Service'],
  ['sqlServer', USERS.mbrown, 'RemoteInteractive'],
  ['linuxWebServer', USERS.wwwData, 'Interactive'],
  ['macDesigner', USERS.designer, 'Interactive'],
];

export function seedLogonUsers(base: number): Record<string, LogonUser[]> {
  const result: Record<string, LogonUser[]> = {};
  LOGONS.forEach(([key, user, logonType], i) => {
    const machineId = SEED.machines[key].id;
    (result[machineId] ??= []).push({
      id: `${user.domain.toLowerCase()}\\${user.accountName}`,
      accountName: user.accountName,
      accountDomain: user.domain.toLowerCase(),
      accountSid: user.sid,
      firstSeen: toDefenderTime(base - (60 + i * 7) * DAY_MS),
      lastSeen: toDefenderTime(base - (i + 1) * HOUR_MS),
      logonTypes: logonType,
      isDomainAdmin: user.isDomainAdmin,
      isOnlyNetworkUser: logonType === 'Network',
    });
  });
  return result;
}
