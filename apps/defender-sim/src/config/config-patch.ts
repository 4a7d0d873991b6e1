import { z } from 'zod';
import { ENDPOINT_GROUPS } from '../rate-limit/endpoint-groups';
import { resolveRateLimits, type RuntimeConfig } from './runtime-config';

const limitSchema = z.strictObject({ perMinute: z.number().int().positive(), perHour: z.number().int().positive().optional() });

/** Body of PUT /config: any subset of the runtime settings. */
export const configPatchSchema = z.strictObject({
  actionSchedule: z.strictObject({ pendingMs: z.number().int().nonnegative(), inProgressMs: z.number().int().nonnegative() }).optional(),
  latencyMs: z.number().int().nonnegative().optional(),
  rateLimits: z.union([z.boolean(), z.partialRecord(z.enum(ENDPOINT_GROUPS), limitSchema)]).optional(),
  conflictMode: z.enum(['error', 'return-existing']).optional(),
  pageSize: z.number().int().positive().optional(),
  tokenLifetimeSeconds: z.number().int().positive().optional(),
  isolateWhenIsolated: z.enum(['succeed', 'stay-pending']).optional(),
  offboardStatusCode: z.union([z.literal(200), z.literal(201)]).optional(),
  packageUriQuoted: z.boolean().optional(),
  acceptedAudiences: z.array(z.string()).min(1).optional(),
  consentMissingFor: z.array(z.string().min(1)).optional(),
});
export type ConfigPatch = z.infer<typeof configPatchSchema>;

export function applyConfigPatch(config: RuntimeConfig, patch: ConfigPatch): void {
  const { rateLimits, ...rest } = patch;
  Object.assign(config, rest);
  if (rateLimits !== undefined) config.rateLimits = resolveRateLimits(rateLimits);
}
