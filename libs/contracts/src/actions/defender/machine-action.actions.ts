import { z } from 'zod';
import type { ActionDefinition } from '../action-definition';
import { listParamsShape, machineActionIdSchema, machineActionSchema, machineIdSchema, sha1Schema } from './entities';
import { machineActionOptionsShape, machineActionResultSchema } from './machine-action-result';
import { DEFENDER_PERMISSIONS } from './permissions';

const commentSchema = z.string().min(1).max(4000);

export const machineIsolateAction = {
  name: 'defender.machine.isolate',
  title: 'Isolate machine',
  description:
    'Isolates a machine from the network (Full or Selective) and waits until Defender reports the action finished. Reports result `already` instead of sending a useless action, `adopted` when following an identical pending isolation, `conflict` when a release or a different isolation is pending.',
  params: z.strictObject({
    machine_id: machineIdSchema,
    comment: z.string().min(1).max(4000),
    isolation_type: z.enum(['Full', 'Selective']).default('Full'),
    ...machineActionOptionsShape,
  }),
  output: machineActionResultSchema,
  permissions: ['Machine.Isolate'],
  alsoNeeds: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: true,
} satisfies ActionDefinition;

export const machineReleaseIsolationAction = {
  name: 'defender.machine.release_isolation',
  title: 'Release machine from isolation',
  description:
    'Releases a machine from isolation and waits until Defender reports the action finished. Reports result `already` (reason: not isolated) when the machine is not isolated and `conflict` when an isolation is still pending (it would land after the release).',
  params: z.strictObject({ machine_id: machineIdSchema, comment: commentSchema, ...machineActionOptionsShape }),
  output: machineActionResultSchema,
  permissions: [...DEFENDER_PERMISSIONS.isolate],
  alsoNeeds: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: true,
} satisfies ActionDefinition;

export const machineAvScanAction = {
  name: 'defender.machine.av_scan',
  title: 'Run antivirus scan',
  description: 'Runs a Microsoft Defender Antivirus scan (Quick or Full) and waits until it finishes.',
  params: z.strictObject({ machine_id: machineIdSchema, comment: commentSchema, scan_type: z.enum(['Quick', 'Full']).default('Quick'), ...machineActionOptionsShape }),
  output: machineActionResultSchema,
  permissions: [...DEFENDER_PERMISSIONS.scan],
  alsoNeeds: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: true,
} satisfies ActionDefinition;

export const machineRestrictAppExecutionAction = {
  name: 'defender.machine.restrict_app_execution',
  title: 'Restrict app execution',
  description:
    'Lets only Microsoft-signed code run on the machine and waits until Defender reports it done. Reports "already restricted" when it is.',
  params: z.strictObject({ machine_id: machineIdSchema, comment: commentSchema, ...machineActionOptionsShape }),
  output: machineActionResultSchema,
  permissions: [...DEFENDER_PERMISSIONS.restrict],
  alsoNeeds: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: true,
} satisfies ActionDefinition;

export const machineUnrestrictAppExecutionAction = {
  name: 'defender.machine.unrestrict_app_execution',
  title: 'Remove app execution restriction',
  description: 'Removes the app execution restriction and waits until Defender reports it done. Reports "already unrestricted" when it is.',
  params: z.strictObject({ machine_id: machineIdSchema, comment: commentSchema, ...machineActionOptionsShape }),
  output: machineActionResultSchema,
  permissions: [...DEFENDER_PERMISSIONS.restrict],
  alsoNeeds: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: true,
} satisfies ActionDefinition;

export const machineCollectInvestigationPackageAction = {
  name: 'defender.machine.collect_investigation_package',
  title: 'Collect investigation package',
  description: 'Collects a forensic investigation package from the machine and waits until it is ready (use defender.machine_action.package_uri to download it).',
  params: z.strictObject({ machine_id: machineIdSchema, comment: commentSchema, ...machineActionOptionsShape }),
  output: machineActionResultSchema,
  permissions: [...DEFENDER_PERMISSIONS.collectForensics],
  alsoNeeds: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: true,
} satisfies ActionDefinition;

export const machineStopAndQuarantineFileAction = {
  name: 'defender.machine.stop_and_quarantine_file',
  title: 'Stop and quarantine file',
  description: 'Stops processes running the file (by SHA-1) on the machine, quarantines it, and waits until Defender reports it done.',
  params: z.strictObject({ machine_id: machineIdSchema, comment: commentSchema, sha1: sha1Schema, ...machineActionOptionsShape }),
  output: machineActionResultSchema,
  permissions: [...DEFENDER_PERMISSIONS.stopAndQuarantine],
  alsoNeeds: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: true,
} satisfies ActionDefinition;

export const liveResponseCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('PutFile'), file_name: z.string().min(1).max(260) }),
  z.strictObject({ type: z.literal('RunScript'), script_name: z.string().min(1).max(260), args: z.string().max(4000).optional() }),
  z.strictObject({ type: z.literal('GetFile'), path: z.string().min(1).max(1024) }),
]);

export const machineLiveResponseAction = {
  name: 'defender.machine.live_response',
  title: 'Run live response commands',
  description:
    'Runs live response commands (PutFile, RunScript, GetFile; Defender runs them in that order and stops at the first failure) and waits until they finish. The output lists a download link per command.',
  params: z.strictObject({
    machine_id: machineIdSchema,
    comment: commentSchema,
    commands: z.array(liveResponseCommandSchema).min(1).max(10),
    ...machineActionOptionsShape,
  }),
  output: machineActionResultSchema.extend({
    results: z.array(z.looseObject({ index: z.number(), type: z.string().optional(), url: z.string().nullable() })).optional(),
  }),
  permissions: [...DEFENDER_PERMISSIONS.liveResponse],
  alsoNeeds: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: true,
} satisfies ActionDefinition;

export const machineActionLiveResponseResultAction = {
  name: 'defender.machine_action.live_response_result',
  title: 'Get live response result link',
  description: 'Gets a short-lived (30 min) download link for the result of one command of a live response action.',
  params: z.strictObject({ machine_action_id: machineActionIdSchema, command_index: z.number().int().min(0).default(0) }),
  output: z.looseObject({ url: z.string() }),
  permissions: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const machineActionPackageUriAction = {
  name: 'defender.machine_action.package_uri',
  title: 'Get investigation package link',
  description: 'Waits until the investigation package of a collection action is available and returns its short-lived download link.',
  params: z.strictObject({ machine_action_id: machineActionIdSchema }),
  output: z.looseObject({ url: z.string() }),
  permissions: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const machineActionCancelAction = {
  name: 'defender.machine_action.cancel',
  title: 'Cancel machine action',
  description: 'Cancels a machine action that has not finished yet.',
  params: z.strictObject({ machine_action_id: machineActionIdSchema, comment: commentSchema.optional() }),
  output: machineActionSchema,
  permissions: [...DEFENDER_PERMISSIONS.cancel],
  sideEffect: true,
} satisfies ActionDefinition;

export const machineActionGetAction = {
  name: 'defender.machine_action.get',
  title: 'Get machine action',
  description: 'Reads one machine action and its status.',
  params: z.strictObject({ machine_action_id: machineActionIdSchema }),
  output: machineActionSchema,
  permissions: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const machineActionListAction = {
  name: 'defender.machine_action.list',
  title: 'List machine actions',
  description: 'Lists machine actions matching an OData filter, following result pages up to `limit`.',
  params: z.strictObject(listParamsShape),
  output: z.looseObject({ machine_actions: z.array(machineActionSchema), count: z.number() }),
  permissions: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const MACHINE_ACTION_ACTIONS = [
  machineIsolateAction,
  machineReleaseIsolationAction,
  machineAvScanAction,
  machineRestrictAppExecutionAction,
  machineUnrestrictAppExecutionAction,
  machineCollectInvestigationPackageAction,
  machineStopAndQuarantineFileAction,
  machineLiveResponseAction,
  machineActionLiveResponseResultAction,
  machineActionPackageUriAction,
  machineActionCancelAction,
  machineActionGetAction,
  machineActionListAction,
] as const;
