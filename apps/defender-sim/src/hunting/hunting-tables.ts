import type { SimStore } from '../state/store';

export interface HuntingColumn {
  Name: string;
  Type: 'DateTime' | 'String' | 'Int64' | 'Boolean';
}
export type HuntingRow = Record<string, string | number | boolean | null>;
export interface HuntingTable {
  columns: HuntingColumn[];
  rows: HuntingRow[];
}

const col = (spec: string): HuntingColumn[] =>
  spec.split(',').map((s) => {
    const [Name, Type = 'String'] = s.trim().split(':') as [string, HuntingColumn['Type'] | undefined];
    return { Name, Type };
  });

/**
 * A few advanced-hunting tables derived from the tenant's state, so hunting results agree with
 * the entities the REST API returns.
 */
export function huntingTables(store: SimStore): Record<string, HuntingTable> {
  const machines = [...store.machines.values()];
  const alerts = [...store.alerts.values()];
  const deviceName = (id: string) => store.machines.get(id)?.computerDnsName ?? null;
  const evidence = alerts.flatMap((a) => a.evidence.map((e) => ({ a, e })));
  return {
    DeviceInfo: {
      columns: col('Timestamp:DateTime,DeviceId,DeviceName,OSPlatform,OSVersion,OSBuild:Int64,PublicIP,MachineGroup,OnboardingStatus,SensorHealthState,ExposureLevel,IsAzureADJoined:Boolean'),
      rows: machines.map((m) => ({
        Timestamp: m.lastSeen, DeviceId: m.id, DeviceName: m.computerDnsName, OSPlatform: m.osPlatform, OSVersion: m.version, OSBuild: m.osBuild,
        PublicIP: m.lastExternalIpAddress, MachineGroup: m.rbacGroupName, OnboardingStatus: m.onboardingStatus, SensorHealthState: m.healthStatus,
        ExposureLevel: m.exposureLevel, IsAzureADJoined: m.isAadJoined,
      })),
    },
    AlertInfo: {
      columns: col('Timestamp:DateTime,AlertId,Title,Category,Severity,ServiceSource,DetectionSource,AttackTechniques'),
      rows: alerts.map((a) => ({
        Timestamp: a.alertCreationTime, AlertId: a.id, Title: a.title, Category: a.category, Severity: a.severity,
        ServiceSource: 'Microsoft Defender for Endpoint', DetectionSource: a.detectionSource, AttackTechniques: JSON.stringify(a.mitreTechniques),
      })),
    },
    AlertEvidence: {
      columns: col('Timestamp:DateTime,AlertId,Title,EntityType,SHA1,SHA256,FileName,FolderPath,RemoteIP,RemoteUrl,AccountName,AccountDomain,AccountSid,DeviceId,DeviceName,RegistryKey,RegistryValueName,RegistryValueData'),
      rows: evidence.map(({ a, e }) => ({
        Timestamp: e.evidenceCreationTime, AlertId: a.id, Title: a.title, EntityType: e.entityType, SHA1: e.sha1, SHA256: e.sha256, FileName: e.fileName,
        FolderPath: e.filePath, RemoteIP: e.ipAddress, RemoteUrl: e.url, AccountName: e.accountName, AccountDomain: e.domainName, AccountSid: e.userSid,
        DeviceId: a.machineId, DeviceName: a.computerDnsName, RegistryKey: e.registryKey, RegistryValueName: e.registryValueName, RegistryValueData: e.registryValue,
      })),
    },
    DeviceProcessEvents: {
      columns: col('Timestamp:DateTime,DeviceId,DeviceName,ActionType,FileName,FolderPath,SHA1,SHA256,ProcessId:Int64,ProcessCommandLine,InitiatingProcessFileName,InitiatingProcessFolderPath,InitiatingProcessId:Int64'),
      rows: evidence.filter(({ e }) => e.entityType === 'Process').map(({ a, e }) => ({
        Timestamp: e.processCreationTime, DeviceId: a.machineId, DeviceName: deviceName(a.machineId), ActionType: 'ProcessCreated', FileName: e.fileName,
        FolderPath: e.filePath, SHA1: e.sha1, SHA256: e.sha256, ProcessId: e.processId, ProcessCommandLine: e.processCommandLine,
        InitiatingProcessFileName: e.parentProcessFileName, InitiatingProcessFolderPath: e.parentProcessFilePath, InitiatingProcessId: e.parentProcessId,
      })),
    },
    DeviceNetworkEvents: {
      columns: col('Timestamp:DateTime,DeviceId,DeviceName,ActionType,RemoteIP,RemoteUrl'),
      rows: evidence.filter(({ e }) => e.entityType === 'Ip' || e.entityType === 'Url').map(({ a, e }) => ({
        Timestamp: e.evidenceCreationTime, DeviceId: a.machineId, DeviceName: deviceName(a.machineId), ActionType: 'ConnectionSuccess', RemoteIP: e.ipAddress, RemoteUrl: e.url,
      })),
    },
    DeviceLogonEvents: {
      columns: col('Timestamp:DateTime,DeviceId,DeviceName,ActionType,AccountName,AccountDomain,AccountSid,LogonType'),
      rows: [...store.logonUsers.entries()].flatMap(([id, users]) => users.map((u) => ({
        Timestamp: u.lastSeen, DeviceId: id, DeviceName: deviceName(id), ActionType: 'LogonSuccess', AccountName: u.accountName, AccountDomain: u.accountDomain,
        AccountSid: u.accountSid, LogonType: u.logonTypes,
      }))),
    },
  };
}
