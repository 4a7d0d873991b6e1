import type { Software, Vulnerability } from '../state/entities';
import { SEED } from './seed-ids';

const VULNS: Vulnerability[] = [
  { id: 'CVE-2024-38063', name: 'CVE-2024-38063', description: 'Windows TCP/IP remote code execution vulnerability (IPv6).', severity: 'Critical', cvssV3: 9.8, exposedMachines: 5, publishedOn: '2024-08-13T00:00:00Z', updatedOn: '2024-08-20T00:00:00Z', publicExploit: false, exploitVerified: false, exploitInKit: false, exploitTypes: [], exploitUris: [] },
  { id: 'CVE-2023-36884', name: 'CVE-2023-36884', description: 'Office and Windows HTML remote code execution vulnerability.', severity: 'High', cvssV3: 8.8, exposedMachines: 3, publishedOn: '2023-07-11T00:00:00Z', updatedOn: '2023-08-08T00:00:00Z', publicExploit: true, exploitVerified: true, exploitInKit: false, exploitTypes: ['RemoteCodeExecution'], exploitUris: [] },
  { id: 'CVE-2024-6387', name: 'CVE-2024-6387', description: "OpenSSH 'regreSSHion' signal handler race condition.", severity: 'High', cvssV3: 8.1, exposedMachines: 1, publishedOn: '2024-07-01T00:00:00Z', updatedOn: '2024-07-09T00:00:00Z', publicExploit: true, exploitVerified: false, exploitInKit: false, exploitTypes: ['RemoteCodeExecution'], exploitUris: [] },
];

const SOFTWARE: Software[] = [
  { id: 'microsoft-_-office', name: 'office', vendor: 'microsoft', weaknesses: 4, publicExploit: true, activeAlert: false, exposedMachines: 4, impactScore: 12.4 },
  { id: 'google-_-chrome', name: 'chrome', vendor: 'google', weaknesses: 2, publicExploit: false, activeAlert: false, exposedMachines: 3, impactScore: 3.1 },
  { id: 'openbsd-_-openssh', name: 'openssh', vendor: 'openbsd', weaknesses: 1, publicExploit: true, activeAlert: false, exposedMachines: 1, impactScore: 5.2 },
];

export function seedVulnerabilities(): Record<string, Vulnerability[]> {
  const windows = [VULNS[0]!, VULNS[1]!];
  return {
    [SEED.machines.financeWorkstation.id]: windows,
    [SEED.machines.hrWorkstation.id]: windows,
    [SEED.machines.salesWorkstation.id]: windows,
    [SEED.machines.developerWorkstation.id]: [VULNS[0]!],
    [SEED.machines.linuxWebServer.id]: [VULNS[2]!],
  };
}

export function seedSoftware(): Record<string, Software[]> {
  const desktop = [SOFTWARE[0]!, SOFTWARE[1]!];
  return {
    [SEED.machines.financeWorkstation.id]: desktop,
    [SEED.machines.hrWorkstation.id]: desktop,
    [SEED.machines.salesWorkstation.id]: desktop,
    [SEED.machines.developerWorkstation.id]: [SOFTWARE[1]!],
    [SEED.machines.linuxWebServer.id]: [SOFTWARE[2]!],
  };
}
