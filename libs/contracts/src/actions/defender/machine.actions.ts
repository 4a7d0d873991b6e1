import { z } from 'zod';
import type { ActionDefinition } from '../action-definition';
import { alertSchema, ipAddressSchema, listParamsShape, machineIdSchema, machineSchema, softwareSchema, userSchema, vulnerabilitySchema } from './entities';
import { DEFENDER_PERMISSIONS } from './permissions';

const machineRefSchema = z.string().min(1).max(255).describe('machine id (40 hex characters) or computer DNS name');
const tagSchema = z.string().min(1).max(200);

export const machineGetAction = {
  name: 'defender.machine.get',
  title: 'Get machine',
  description: 'Reads one machine by its id or computer DNS name.',
  params: z.strictObject({ machine: machineRefSchema }),
  output: machineSchema,
  permissions: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const machineListAction = {
  name: 'defender.machine.list',
  title: 'List machines',
  description: 'Lists machines matching an OData filter, following result pages up to `limit`.',
  params: z.strictObject(listParamsShape),
  output: z.looseObject({ machines: z.array(machineSchema), count: z.number() }),
  permissions: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const machineFindByIpAction = {
  name: 'defender.machine.find_by_ip',
  title: 'Find machines by IP',
  description: 'Finds machines that used an internal IP address within 15 minutes of a time (at most 30 days ago).',
  params: z.strictObject({ ip: ipAddressSchema, timestamp: z.iso.datetime({ offset: true }).describe('ISO-8601 time') }),
  output: z.looseObject({ machines: z.array(machineSchema) }),
  permissions: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const machineFindByHostnameAction = {
  name: 'defender.machine.find_by_hostname',
  title: 'Find machine by hostname',
  description:
    'Finds the one machine whose computer DNS name equals the name (case-insensitive), or whose short hostname (before the first dot) does when exactly one machine matches. Never matches substrings; fails naming the candidates when none or several different machines match. Several records of one device (same full name) resolve to the Active record seen most recently, reported in `resolution` and `duplicates`.',
  params: z.strictObject({
    hostname: z.string().min(1).max(255),
    /**
     * `fail` (default) fails the step when no machine or several different machines match;
     * `report` ends it with `{ result: 'unresolved', id: null, hostname, reason }` so a multi-target
     * playbook can go on with the other names.
     */
    on_unresolved: z.enum(['fail', 'report']).default('fail'),
  }),
  output: machineSchema.extend({ id: z.string().nullable(), result: z.enum(['done', 'unresolved']).optional(), reason: z.string().optional() }),
  permissions: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const machineFindByTagAction = {
  name: 'defender.machine.find_by_tag',
  title: 'Find machines by tag',
  description: 'Lists machines carrying a tag (or a tag starting with the text).',
  params: z.strictObject({ tag: tagSchema, starts_with: z.boolean().default(false) }),
  output: z.looseObject({ machines: z.array(machineSchema) }),
  permissions: [...DEFENDER_PERMISSIONS.machineRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const machineLogonUsersAction = {
  name: 'defender.machine.logon_users',
  title: 'List logged-on users',
  description: 'Lists the users that logged on to a machine.',
  params: z.strictObject({ machine_id: machineIdSchema }),
  output: z.looseObject({ users: z.array(userSchema) }),
  permissions: [...DEFENDER_PERMISSIONS.userRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const machineAlertsAction = {
  name: 'defender.machine.alerts',
  title: 'List machine alerts',
  description: 'Lists the alerts raised on a machine.',
  params: z.strictObject({ machine_id: machineIdSchema, limit: listParamsShape.limit }),
  output: z.looseObject({ alerts: z.array(alertSchema) }),
  permissions: [...DEFENDER_PERMISSIONS.alertRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const machineVulnerabilitiesAction = {
  name: 'defender.machine.vulnerabilities',
  title: 'List machine vulnerabilities',
  description: 'Lists the CVEs discovered on a machine.',
  params: z.strictObject({ machine_id: machineIdSchema }),
  output: z.looseObject({ vulnerabilities: z.array(vulnerabilitySchema) }),
  permissions: [...DEFENDER_PERMISSIONS.vulnerabilityRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const machineSoftwareAction = {
  name: 'defender.machine.software',
  title: 'List machine software',
  description: 'Lists the software installed on a machine.',
  params: z.strictObject({ machine_id: machineIdSchema }),
  output: z.looseObject({ software: z.array(softwareSchema) }),
  permissions: [...DEFENDER_PERMISSIONS.softwareRead],
  sideEffect: false,
} satisfies ActionDefinition;

export const machineAddTagAction = {
  name: 'defender.machine.add_tag',
  title: 'Add machine tag',
  description: 'Adds a tag to a machine (no change when it already has it).',
  params: z.strictObject({ machine_id: machineIdSchema, tag: tagSchema }),
  output: machineSchema,
  permissions: [...DEFENDER_PERMISSIONS.machineWrite],
  sideEffect: true,
} satisfies ActionDefinition;

export const machineRemoveTagAction = {
  name: 'defender.machine.remove_tag',
  title: 'Remove machine tag',
  description: 'Removes a tag from a machine (no change when it does not have it).',
  params: z.strictObject({ machine_id: machineIdSchema, tag: tagSchema }),
  output: machineSchema,
  permissions: [...DEFENDER_PERMISSIONS.machineWrite],
  sideEffect: true,
} satisfies ActionDefinition;

export const MACHINE_ACTIONS = [
  machineGetAction,
  machineListAction,
  machineFindByIpAction,
  machineFindByHostnameAction,
  machineFindByTagAction,
  machineLogonUsersAction,
  machineAlertsAction,
  machineVulnerabilitiesAction,
  machineSoftwareAction,
  machineAddTagAction,
  machineRemoveTagAction,
] as const;
