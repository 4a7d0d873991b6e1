import { fakeGuid, fakeSha1, fakeSha256 } from './fake-hash';

const machineId = (dnsName: string): string => fakeSha1(`machine:${dnsName}`);
const file = (name: string) => ({ name, sha1: fakeSha1(`file:${name}`), sha256: fakeSha256(`file:${name}`) });

const machines = {
  financeWorkstation: { id: machineId('ws-fin-001.contoso.local'), computerDnsName: 'ws-fin-001.contoso.local' },
  hrWorkstation: { id: machineId('ws-hr-014.contoso.local'), computerDnsName: 'ws-hr-014.contoso.local' },
  developerWorkstation: { id: machineId('ws-dev-107.contoso.local'), computerDnsName: 'ws-dev-107.contoso.local' },
  salesWorkstation: { id: machineId('ws-sales-022.contoso.local'), computerDnsName: 'ws-sales-022.contoso.local' },
  domainController: { id: machineId('srv-dc-01.contoso.local'), computerDnsName: 'srv-dc-01.contoso.local' },
  sqlServer: { id: machineId('srv-sql-02.contoso.local'), computerDnsName: 'srv-sql-02.contoso.local' },
  linuxWebServer: { id: machineId('lnx-web-03.contoso.local'), computerDnsName: 'lnx-web-03.contoso.local' },
  macDesigner: { id: machineId('mac-design-02.contoso.local'), computerDnsName: 'mac-design-02.contoso.local' },
} as const;

/**
 * Ids of well-known seed records, for tests. Values are derived from fixed labels, so they are
 * the same in every run and every process.
 */
export const SEED = {
  machines,
  alerts: {
    /** High, New, EDR alert on the Windows 11 finance workstation, with File/Process/User/Ip/Url evidence. */
    highSeverityOnWindows: 'da638712004817339522_-1183920117',
    /** Medium, InProgress, antivirus (Emotet) on the same finance workstation. */
    malwareOnFinance: 'da638711832611784207_1552045721',
    /** High, New, credential access on the domain controller. */
    credentialTheftOnDomainController: 'da638711960149327115_-402271855',
    /** Medium, Resolved (TruePositive/Phishing) on the HR workstation. */
    resolvedPhishingOnHr: 'da638710512337691044_877105236',
    /** Medium, New, on the Linux web server (Process/Ip/Url evidence). */
    linuxShellOnWebServer: 'da638711887360150932_1938117409',
    /** Low, New, antivirus PUA on macOS. */
    puaOnMac: 'da638711500295514788_-1712866730',
    /** High, InProgress, custom indicator (CustomerTI) match on the SQL server. */
    customIndicatorOnSql: 'da638711935801276543_-98231764',
    /** Informational, Resolved, custom detection on the developer workstation. */
    securityTestingOnDeveloper: 'da638710998730815660_310275598',
    /** Low, New, SmartScreen URL block on the developer workstation. */
    smartScreenOnDeveloper: 'da638711990416032118_-2057735018',
    /** Medium, New, registry run-key persistence on the sales workstation (Registry evidence). */
    registryPersistenceOnSales: 'da638712010024459983_645527731',
  },
  /** The high-severity alert's machine, for convenience. */
  highSeverityOnWindowsMachineId: machines.financeWorkstation.id,
  files: {
    maliciousDocument: file('Invoice_2024-0117.docm'),
    emotetDll: file('wsnmp32.dll'),
    powershell: file('powershell.exe'),
    mimikatz: file('mimi64.exe'),
    linuxDropper: file('kworker_update.sh'),
    bash: file('bash'),
    macPua: file('BundleInstaller.pkg'),
    runKeyPayload: file('OneDriveUpdater.exe'),
    rundll32: file('rundll32.exe'),
  },
  ips: { torExitC2: '185.220.101.45', linuxExfil: '45.77.110.12', blockedByIndicator: '203.0.113.50' },
  domains: { payloadCdn: 'cdn-invoices.example-bad.com', phishing: 'login-micros0ft-support.com' },
  users: { financeUser: 'jdoe', hrUser: 'asmith', developer: 'dlee', domainAdmin: 'mbrown', sqlService: 'svc-sql' },
  machineActions: {
    /** Succeeded isolation of the HR workstation (so it starts isolated). */
    hrIsolation: fakeGuid('action:isolate:hr'),
    /** Succeeded investigation package collection on the finance workstation (getPackageUri works). */
    financePackage: fakeGuid('action:package:finance'),
    /** Succeeded full AV scan on the SQL server. */
    sqlScan: fakeGuid('action:scan:sql'),
    /** Failed live response on the domain controller. */
    dcLiveResponseFailed: fakeGuid('action:liveresponse:dc'),
  },
  indicators: { blockedIp: '1001', blockedDocumentSha256: '1002', warnedDomain: '1003' },
} as const;
