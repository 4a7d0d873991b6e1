import { z } from 'zod';
import type { ActionDefinition } from '../action-definition';
import {
  alertSchema,
  domainSchema,
  domainStatsSchema,
  fileHashSchema,
  fileSchema,
  fileStatsSchema,
  ipAddressSchema,
  ipStatsSchema,
  listParamsShape,
  lookBackHoursSchema,
  machineSchema,
  sha1Schema,
} from './entities';
import { DEFENDER_PERMISSIONS } from './permissions';

const userNameSchema = z.string().min(1).max(256).regex(/^[^\\/@]+$/, 'give the account name only (no domain, no UPN)');
const alertsOutput = z.looseObject({ alerts: z.array(alertSchema) });
const machinesOutput = z.looseObject({ machines: z.array(machineSchema) });

export const fileGetAction = {
  name: 'defender.file.get',
  title: 'Get file',
  description: 'Reads what Defender knows about a file (by SHA-1 or SHA-256).',
  params: z.strictObject({ file_hash: fileHashSchema }),
  output: fileSchema,
  permissions: [...DEFENDER_PERMISSIONS.fileRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const fileStatsAction = {
  name: 'defender.file.stats',
  title: 'Get file statistics',
  description: 'Reads a file’s prevalence in the organization and worldwide.',
  params: z.strictObject({ file_hash: fileHashSchema, lookback_hours: lookBackHoursSchema }),
  output: fileStatsSchema,
  permissions: [...DEFENDER_PERMISSIONS.fileRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const fileAlertsAction = {
  name: 'defender.file.alerts',
  title: 'List file alerts',
  description: 'Lists alerts related to a file (SHA-1).',
  params: z.strictObject({ sha1: sha1Schema, limit: listParamsShape.limit }),
  output: alertsOutput,
  permissions: [...DEFENDER_PERMISSIONS.alertRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const fileMachinesAction = {
  name: 'defender.file.machines',
  title: 'List file machines',
  description: 'Lists machines related to a file (SHA-1).',
  params: z.strictObject({ sha1: sha1Schema, limit: listParamsShape.limit }),
  output: machinesOutput,
  permissions: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const ipStatsAction = {
  name: 'defender.ip.stats',
  title: 'Get IP statistics',
  description: 'Reads how many machines in the organization communicated with an IP address.',
  params: z.strictObject({ ip: ipAddressSchema, lookback_hours: lookBackHoursSchema }),
  output: ipStatsSchema,
  permissions: [...DEFENDER_PERMISSIONS.ipRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const ipAlertsAction = {
  name: 'defender.ip.alerts',
  title: 'List IP alerts',
  description: 'Lists alerts related to an IP address.',
  params: z.strictObject({ ip: ipAddressSchema, limit: listParamsShape.limit }),
  output: alertsOutput,
  permissions: [...DEFENDER_PERMISSIONS.alertRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const domainStatsAction = {
  name: 'defender.domain.stats',
  title: 'Get domain statistics',
  description: 'Reads how many machines in the organization communicated with a domain.',
  params: z.strictObject({ domain: domainSchema, lookback_hours: lookBackHoursSchema }),
  output: domainStatsSchema,
  permissions: [...DEFENDER_PERMISSIONS.urlRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const domainAlertsAction = {
  name: 'defender.domain.alerts',
  title: 'List domain alerts',
  description: 'Lists alerts related to a domain.',
  params: z.strictObject({ domain: domainSchema, limit: listParamsShape.limit }),
  output: alertsOutput,
  permissions: [...DEFENDER_PERMISSIONS.alertRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const domainMachinesAction = {
  name: 'defender.domain.machines',
  title: 'List domain machines',
  description: 'Lists machines that communicated with a domain (Defender returns at most 500).',
  params: z.strictObject({ domain: domainSchema, limit: listParamsShape.limit }),
  output: machinesOutput,
  permissions: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const userAlertsAction = {
  name: 'defender.user.alerts',
  title: 'List user alerts',
  description: 'Lists alerts related to a user (account name only, e.g. "jdoe").',
  params: z.strictObject({ user_name: userNameSchema, limit: listParamsShape.limit }),
  output: alertsOutput,
  permissions: [...DEFENDER_PERMISSIONS.alertRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const userMachinesAction = {
  name: 'defender.user.machines',
  title: 'List user machines',
  description: 'Lists machines a user (account name only) logged on to.',
  params: z.strictObject({ user_name: userNameSchema, limit: listParamsShape.limit }),
  output: machinesOutput,
  permissions: [...DEFENDER_PERMISSIONS.machineWrite],
  sideEffect: false,
} satisfies ActionDefinition;

export const huntingQueryAction = {
  name: 'defender.hunting.query',
  title: 'Run advanced hunting query',
  description:
    'Runs a KQL advanced hunting query over the last 30 days (at most 100,000 rows), through Microsoft Graph runHuntingQuery (ThreatHunting.Read.All on Microsoft Graph) unless the connection chooses the legacy Defender API (AdvancedQuery.Read.All).',
  params: z.strictObject({ query: z.string().min(1).max(100000) }),
  output: z.looseObject({
    schema: z.array(z.looseObject({ Name: z.string(), Type: z.string() })),
    results: z.array(z.record(z.string(), z.unknown())),
    stats: z.unknown().optional(),
  }),
  permissions: [...DEFENDER_PERMISSIONS.hunting],
  sideEffect: false,
} satisfies ActionDefinition;

export const ENRICHMENT_ACTIONS = [
  fileGetAction,
  fileStatsAction,
  fileAlertsAction,
  fileMachinesAction,
  ipStatsAction,
  ipAlertsAction,
  domainStatsAction,
  domainAlertsAction,
  domainMachinesAction,
  userAlertsAction,
  userMachinesAction,
  huntingQueryAction,
] as const;
