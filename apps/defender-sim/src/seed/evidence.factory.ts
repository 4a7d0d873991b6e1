import type { Evidence, EvidenceEntityType } from '../state/entities';
import type { SeedUser } from './users.seed';

const EMPTY: Omit<Evidence, 'entityType' | 'evidenceCreationTime'> = {
  sha1: null, sha256: null, fileName: null, filePath: null, processId: null, processCommandLine: null,
  processCreationTime: null, parentProcessId: null, parentProcessCreationTime: null, parentProcessFileName: null,
  parentProcessFilePath: null, ipAddress: null, url: null, registryKey: null, registryHive: null,
  registryValueType: null, registryValue: null, registryValueName: null, accountName: null, domainName: null,
  userSid: null, aadUserId: null, userPrincipalName: null, detectionStatus: null,
};

/** Evidence items carry every field, unused ones as null, like the real API (REFERENCE §3.2). */
export function evidence(entityType: EvidenceEntityType, at: string, fields: Partial<Evidence>): Evidence {
  return { entityType, evidenceCreationTime: at, ...EMPTY, ...fields };
}

export function userEvidence(at: string, user: SeedUser): Evidence {
  return evidence('User', at, {
    accountName: user.accountName,
    domainName: user.domain,
    userSid: user.sid,
    aadUserId: user.aadUserId,
    userPrincipalName: user.upn,
  });
}

export function fileEvidence(at: string, file: { name: string; sha1: string; sha256: string }, filePath: string, detectionStatus: string | null): Evidence {
  return evidence('File', at, { sha1: file.sha1, sha256: file.sha256, fileName: file.name, filePath, detectionStatus });
}
