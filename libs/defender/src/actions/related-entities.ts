import { alertSchema, machineSchema } from '@soar/contracts';
import { z } from 'zod';

/** Shapes shared by the enrichment actions (file, IP, domain, user). */
export const userNameSchema = z.string().min(1).max(256).regex(/^[^\\/@]+$/, 'give the account name only (no domain, no UPN)');
export const alertsOutput = z.looseObject({ alerts: z.array(alertSchema) });
export const machinesOutput = z.looseObject({ machines: z.array(machineSchema) });
