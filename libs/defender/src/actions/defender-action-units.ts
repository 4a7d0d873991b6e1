import type { DefenderActionUnit } from './defender-action';
import { alertGet } from './alert/get.action';
import { alertUpdate } from './alert/update.action';
import { alertList } from './alert/list.action';
import { alertBatchUpdate } from './alert/batch-update.action';
import { alertRelatedMachine } from './alert/related-machine.action';
import { alertRelatedUser } from './alert/related-user.action';
import { alertRelatedFiles } from './alert/related-files.action';
import { alertRelatedIps } from './alert/related-ips.action';
import { alertRelatedDomains } from './alert/related-domains.action';
import { machineGet } from './machine/get.action';
import { machineList } from './machine/list.action';
import { machineFindByIp } from './machine/find-by-ip.action';
import { machineFindByHostname } from './machine/find-by-hostname.action';
import { machineFindByTag } from './machine/find-by-tag.action';
import { machineLogonUsers } from './machine/logon-users.action';
import { machineAlerts } from './machine/alerts.action';
import { machineVulnerabilities } from './machine/vulnerabilities.action';
import { machineSoftware } from './machine/software.action';
import { machineAddTag } from './machine/add-tag.action';
import { machineRemoveTag } from './machine/remove-tag.action';
import { machineIsolate } from './machine/isolate.action';
import { machineReleaseIsolation } from './machine/release-isolation.action';
import { machineAvScan } from './machine/av-scan.action';
import { machineRestrictAppExecution } from './machine/restrict-app-execution.action';
import { machineUnrestrictAppExecution } from './machine/unrestrict-app-execution.action';
import { machineCollectInvestigationPackage } from './machine/collect-investigation-package.action';
import { machineStopAndQuarantineFile } from './machine/stop-and-quarantine-file.action';
import { machineLiveResponse } from './machine/live-response.action';
import { machineActionLiveResponseResult } from './machine-action/live-response-result.action';
import { machineActionPackageUri } from './machine-action/package-uri.action';
import { machineActionCancel } from './machine-action/cancel.action';
import { machineActionGet } from './machine-action/get.action';
import { machineActionList } from './machine-action/list.action';
import { indicatorSubmit } from './indicator/submit.action';
import { indicatorImport } from './indicator/import.action';
import { indicatorList } from './indicator/list.action';
import { indicatorDelete } from './indicator/delete.action';
import { indicatorBatchDelete } from './indicator/batch-delete.action';
import { fileGet } from './file/get.action';
import { fileStats } from './file/stats.action';
import { fileAlerts } from './file/alerts.action';
import { fileMachines } from './file/machines.action';
import { ipStats } from './ip/stats.action';
import { ipAlerts } from './ip/alerts.action';
import { domainStats } from './domain/stats.action';
import { domainAlerts } from './domain/alerts.action';
import { domainMachines } from './domain/machines.action';
import { userAlerts } from './user/alerts.action';
import { userMachines } from './user/machines.action';
import { huntingQuery } from './hunting/query.action';

/**
 * Every `defender.*` action, one unit each, in catalog order. Adding an action: write its unit and
 * list it here (see libs/defender/README.md, "Adding a Defender action").
 */
export const DEFENDER_ACTION_UNITS: readonly DefenderActionUnit[] = [
  alertGet,
  alertUpdate,
  alertList,
  alertBatchUpdate,
  alertRelatedMachine,
  alertRelatedUser,
  alertRelatedFiles,
  alertRelatedIps,
  alertRelatedDomains,
  machineGet,
  machineList,
  machineFindByIp,
  machineFindByHostname,
  machineFindByTag,
  machineLogonUsers,
  machineAlerts,
  machineVulnerabilities,
  machineSoftware,
  machineAddTag,
  machineRemoveTag,
  machineIsolate,
  machineReleaseIsolation,
  machineAvScan,
  machineRestrictAppExecution,
  machineUnrestrictAppExecution,
  machineCollectInvestigationPackage,
  machineStopAndQuarantineFile,
  machineLiveResponse,
  machineActionLiveResponseResult,
  machineActionPackageUri,
  machineActionCancel,
  machineActionGet,
  machineActionList,
  indicatorSubmit,
  indicatorImport,
  indicatorList,
  indicatorDelete,
  indicatorBatchDelete,
  fileGet,
  fileStats,
  fileAlerts,
  fileMachines,
  ipStats,
  ipAlerts,
  domainStats,
  domainAlerts,
  domainMachines,
  userAlerts,
  userMachines,
  huntingQuery,
];
