/**
 * Entity shapes as the Defender API renders them (REFERENCE §3-§7). The store keeps these JSON
 * shapes directly so GETs return exactly what was seeded or updated.
 */
export type EvidenceEntityType = 'File' | 'Process' | 'User' | 'Ip' | 'Url' | 'Registry';

export interface Evidence {
  entityType: EvidenceEntityType;
  evidenceCreationTime: string;
  sha1: string | null;
  sha256: string | null;
  fileName: string | null;
  filePath: string | null;
  processId: number | null;
  processCommandLine: string | null;
  processCreationTime: string | null;
  parentProcessId: number | null;
  parentProcessCreationTime: string | null;
  parentProcessFileName: string | null;
  parentProcessFilePath: string | null;
  ipAddress: string | null;
  url: string | null;
  registryKey: string | null;
  registryHive: string | null;
  registryValueType: string | null;
  registryValue: string | null;
  registryValueName: string | null;
  accountName: string | null;
  domainName: string | null;
  userSid: string | null;
  aadUserId: string | null;
  userPrincipalName: string | null;
  detectionStatus: string | null;
}

export interface AlertComment {
  comment: string;
  createdBy: string;
  createdTime: string;
}

export interface Alert {
  id: string;
  incidentId: number | null;
  investigationId: number | null;
  assignedTo: string | null;
  severity: string;
  status: string;
  classification: string | null;
  determination: string | null;
  investigationState: string | null;
  detectionSource: string;
  detectorId: string;
  category: string;
  threatFamilyName: string | null;
  title: string;
  description: string;
  alertCreationTime: string;
  firstEventTime: string;
  lastEventTime: string;
  lastUpdateTime: string;
  resolvedTime: string | null;
  machineId: string;
  computerDnsName: string;
  rbacGroupName: string | null;
  aadTenantId: string;
  threatName: string | null;
  mitreTechniques: string[];
  relatedUser: { userName: string; domainName: string } | null;
  loggedOnUsers: { accountName: string; domainName: string }[];
  comments: AlertComment[];
  evidence: Evidence[];
  domains: string[];
}

export interface IpAddressInfo {
  ipAddress: string;
  macAddress: string | null;
  type: string;
  operationalStatus: 'Up' | 'Down';
}

export interface Machine {
  id: string;
  mergedIntoMachineId: string | null;
  isPotentialDuplication: boolean;
  isExcluded: boolean;
  exclusionReason: string | null;
  computerDnsName: string;
  firstSeen: string;
  lastSeen: string;
  osPlatform: string;
  osVersion: string | null;
  osProcessor: string;
  version: string;
  lastIpAddress: string;
  lastExternalIpAddress: string;
  agentVersion: string;
  osBuild: number | null;
  healthStatus: string;
  deviceValue: string;
  rbacGroupId: number;
  rbacGroupName: string | null;
  riskScore: string;
  exposureLevel: string;
  isAadJoined: boolean;
  aadDeviceId: string | null;
  machineTags: string[];
  defenderAvStatus: string;
  onboardingStatus: string;
  osArchitecture: string;
  managedBy: string;
  managedByStatus: string;
  ipAddresses: IpAddressInfo[];
  vmMetadata: null | { vmId: string; cloudProvider: string; resourceId: string; subscriptionId: string };
}

export interface LogonUser {
  id: string;
  accountName: string;
  accountDomain: string;
  accountSid: string;
  firstSeen: string;
  lastSeen: string;
  logonTypes: string;
  isDomainAdmin: boolean;
  isOnlyNetworkUser: boolean;
}

export interface FileInfo {
  sha1: string;
  sha256: string;
  md5: string;
  globalPrevalence: number;
  globalFirstObserved: string;
  globalLastObserved: string;
  size: number;
  fileType: string | null;
  isPeFile: boolean;
  filePublisher: string | null;
  fileProductName: string | null;
  signer: string | null;
  issuer: string | null;
  signerHash: string | null;
  isValidCertificate: boolean;
  determinationType: string;
  determinationValue: string | null;
}

export interface Indicator {
  id: string;
  indicatorValue: string;
  indicatorType: string;
  action: string;
  application: string | null;
  source: string;
  sourceType: 'User' | 'AadApp';
  createdBy: string;
  createdBySource: string;
  createdByDisplayName: string;
  creationTimeDateTimeUtc: string;
  expirationTime: string | null;
  lastUpdateTime: string;
  lastUpdatedBy: string | null;
  severity: string;
  title: string;
  description: string;
  recommendedActions: string | null;
  rbacGroupNames: string[];
  rbacGroupIds: number[];
  generateAlert: boolean;
  educateUrl: string | null;
  externalID: string | null;
  mitreTechniques: string[];
  category: number;
  historicalDetection: boolean;
}

export interface Vulnerability {
  id: string;
  name: string;
  description: string;
  severity: string;
  cvssV3: number;
  exposedMachines: number;
  publishedOn: string;
  updatedOn: string;
  publicExploit: boolean;
  exploitVerified: boolean;
  exploitInKit: boolean;
  exploitTypes: string[];
  exploitUris: string[];
}

export interface Software {
  id: string;
  name: string;
  vendor: string;
  weaknesses: number;
  publicExploit: boolean;
  activeAlert: boolean;
  exposedMachines: number;
  impactScore: number;
}
