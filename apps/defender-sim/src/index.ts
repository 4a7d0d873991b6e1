/**
 * Defender for Endpoint + Entra simulator: start it in-process with `startDefenderSimulator`,
 * or run `main.ts` as a standalone process.
 */
export { startDefenderSimulator } from './simulator';
export { simEnvSchema } from './sim-env.schema';
export { SIM_DEFAULTS, type RunningSimulator, type SimClient, type SimulatorOptions, type RateLimitOption } from './options';
export { ensureSimulatorCertificate, type SimulatorCertificate } from './certificate';
export { SEED } from './seed/seed-ids';
export { SIM_USERS, SIM_GROUPS, findSimUser, findSimUserByOid, type SimUser, type SoarRole, type DefenderRbacPermission } from './identity/sim-users';
export { DEFAULT_SOAR_APPS, type SoarAppRegistrations } from './sts/user-sign-in/soar-apps';
export { v2Issuer } from './sts/user-sign-in/user-token';
export { ROLES, ALL_ROLES } from './auth/roles';
export { ENDPOINT_GROUPS, REFERENCE_LIMITS, type EndpointGroup, type GroupLimit } from './rate-limit/endpoint-groups';
export type { RequestLogEntry } from './control/request-log';
export type { FaultSpec, FaultRuleInput } from './faults/fault-injector';
export type { ConflictMode, RuntimeConfig } from './config/runtime-config';
export type { ConfigPatch } from './config/config-patch';
export { SimulatorControlClient } from './control/control.client';
