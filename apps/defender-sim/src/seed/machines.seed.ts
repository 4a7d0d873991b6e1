import type { IpAddressInfo, Machine } from '../state/entities';
import { DAY_MS, HOUR_MS, toDefenderTime } from '../state/time';
import { fakeGuid } from './fake-hash';
import { SEED } from './seed-ids';

type MachineKey = keyof typeof SEED.machines;

interface MachineSpec {
  key: MachineKey;
  osPlatform: string;
  version: string;
  osBuild: number | null;
  healthStatus: string;
  riskScore: string;
  exposureLevel: string;
  deviceValue: string;
  rbac: [number, string];
  tags: string[];
  ip: string;
  mac: string;
  externalIp: string;
  onboardedDaysAgo: number;
  lastSeenHoursAgo: number;
  managedBy: string;
  agentVersion: string;
  aadJoined: boolean;
}

const SPECS: MachineSpec[] = [
  { key: 'financeWorkstation', osPlatform: 'Windows11', version: '23H2', osBuild: 22631, healthStatus: 'Active', riskScore: 'High', exposureLevel: 'Medium', deviceValue: 'High', rbac: [11, 'Finance Workstations'], tags: ['Finance', 'VIP'], ip: '10.10.1.21', mac: '00155D0A0121', externalIp: '198.51.100.10', onboardedDaysAgo: 410, lastSeenHoursAgo: 3, managedBy: 'Intune', agentVersion: '10.8760.22631.3880', aadJoined: true },
  { key: 'hrWorkstation', osPlatform: 'Windows10', version: '22H2', osBuild: 19045, healthStatus: 'Active', riskScore: 'Medium', exposureLevel: 'Medium', deviceValue: 'Normal', rbac: [12, 'HR Workstations'], tags: ['HR'], ip: '10.10.2.34', mac: '00155D0A0234', externalIp: '198.51.100.10', onboardedDaysAgo: 640, lastSeenHoursAgo: 5, managedBy: 'Intune', agentVersion: '10.8760.19045.4651', aadJoined: true },
  { key: 'developerWorkstation', osPlatform: 'Windows11', version: '24H2', osBuild: 26100, healthStatus: 'Active', riskScore: 'Low', exposureLevel: 'High', deviceValue: 'Normal', rbac: [13, 'Engineering'], tags: ['Developers', 'Pilot-ASR'], ip: '10.10.3.107', mac: '00155D0A0307', externalIp: '198.51.100.11', onboardedDaysAgo: 120, lastSeenHoursAgo: 1, managedBy: 'Intune', agentVersion: '10.8760.26100.1882', aadJoined: true },
  { key: 'salesWorkstation', osPlatform: 'Windows10', version: '21H2', osBuild: 19044, healthStatus: 'NoSensorData', riskScore: 'Medium', exposureLevel: 'High', deviceValue: 'Normal', rbac: [14, 'Sales Workstations'], tags: [], ip: '10.10.5.22', mac: '00155D0A0522', externalIp: '198.51.100.12', onboardedDaysAgo: 900, lastSeenHoursAgo: 52, managedBy: 'ConfigMgr', agentVersion: '10.8560.19044.3086', aadJoined: false },
  { key: 'domainController', osPlatform: 'WindowsServer2019', version: '1809', osBuild: 17763, healthStatus: 'Active', riskScore: 'High', exposureLevel: 'Low', deviceValue: 'High', rbac: [20, 'Tier 0 Servers'], tags: ['Tier0', 'DomainController'], ip: '10.0.0.10', mac: '00155D000010', externalIp: '198.51.100.2', onboardedDaysAgo: 1100, lastSeenHoursAgo: 2, managedBy: 'MDE', agentVersion: '10.8760.17763.6054', aadJoined: false },
  { key: 'sqlServer', osPlatform: 'WindowsServer2019', version: '1809', osBuild: 17763, healthStatus: 'ImpairedCommunication', riskScore: 'High', exposureLevel: 'Medium', deviceValue: 'High', rbac: [21, 'Tier 1 Servers'], tags: ['Tier1', 'SQL'], ip: '10.0.0.22', mac: '00155D000022', externalIp: '198.51.100.2', onboardedDaysAgo: 800, lastSeenHoursAgo: 20, managedBy: 'MDE', agentVersion: '10.8760.17763.6054', aadJoined: false },
  { key: 'linuxWebServer', osPlatform: 'Linux', version: 'Ubuntu 22.04', osBuild: null, healthStatus: 'Active', riskScore: 'Medium', exposureLevel: 'High', deviceValue: 'Normal', rbac: [30, 'DMZ'], tags: ['DMZ', 'Web'], ip: '172.16.5.13', mac: '0050568A0513', externalIp: '203.0.113.80', onboardedDaysAgo: 300, lastSeenHoursAgo: 4, managedBy: 'MDE', agentVersion: '101.24052.0002', aadJoined: false },
  { key: 'macDesigner', osPlatform: 'macOS', version: '14.5', osBuild: null, healthStatus: 'Inactive', riskScore: 'Low', exposureLevel: 'Low', deviceValue: 'Low', rbac: [15, 'Design'], tags: ['Design'], ip: '10.10.4.52', mac: 'A4831E0A0452', externalIp: '198.51.100.13', onboardedDaysAgo: 200, lastSeenHoursAgo: 24 * 9, managedBy: 'Intune', agentVersion: '101.24042.0008', aadJoined: true },
];

export function seedMachines(base: number): Machine[] {
  return SPECS.map((s) => {
    const { id, computerDnsName } = SEED.machines[s.key];
    const ipAddresses: IpAddressInfo[] = [
      { ipAddress: s.ip, macAddress: s.mac, type: 'Ethernet', operationalStatus: 'Up' },
      { ipAddress: `fe80::215:5dff:fe0a:${s.mac.slice(-4).toLowerCase()}`, macAddress: s.mac, type: 'Ethernet', operationalStatus: 'Up' },
      { ipAddress: '127.0.0.1', macAddress: null, type: 'SoftwareLoopback', operationalStatus: 'Up' },
    ];
    const windows = s.osPlatform.startsWith('Windows');
    return {
      id,
      mergedIntoMachineId: null,
      isPotentialDuplication: false,
      isExcluded: false,
      exclusionReason: null,
      computerDnsName,
      firstSeen: toDefenderTime(base - s.onboardedDaysAgo * DAY_MS),
      lastSeen: toDefenderTime(base - s.lastSeenHoursAgo * HOUR_MS),
      osPlatform: s.osPlatform,
      osVersion: windows ? null : s.version,
      osProcessor: 'x64',
      version: s.version,
      lastIpAddress: s.ip,
      lastExternalIpAddress: s.externalIp,
      agentVersion: s.agentVersion,
      osBuild: s.osBuild,
      healthStatus: s.healthStatus,
      deviceValue: s.deviceValue,
      rbacGroupId: s.rbac[0],
      rbacGroupName: s.rbac[1],
      riskScore: s.riskScore,
      exposureLevel: s.exposureLevel,
      isAadJoined: s.aadJoined,
      aadDeviceId: s.aadJoined ? fakeGuid(`aad-device:${computerDnsName}`) : null,
      machineTags: [...s.tags],
      defenderAvStatus: s.healthStatus === 'Active' ? 'Updated' : 'NotUpdated',
      onboardingStatus: 'Onboarded',
      osArchitecture: '64-bit',
      managedBy: s.managedBy,
      managedByStatus: 'Success',
      ipAddresses,
      vmMetadata: null,
    };
  });
}
