import { z } from 'zod';

const reachability = z.enum(['up', 'down']);
export const healthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), postgres: reachability, redis: reachability })
  .meta({ id: 'Health' });
export type HealthDto = z.infer<typeof healthSchema>;
