import { z } from 'zod';
import { isoDateTime } from './common';

export const connectionNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a connection name is a lowercase slug')
  .meta({ description: 'Connection name (lowercase slug)', example: 'contoso' });
export const connectionParams = z.object({ name: connectionNameSchema });

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });

export const connectionBodySchema = z
  .strictObject({
    tenantId: z.string().min(1).max(100),
    clientId: z.string().min(1).max(100),
    clientSecret: z.string().min(1).max(1024).optional().meta({ description: 'Stored encrypted; never returned' }),
    certificatePrivateKeyPem: z.string().min(1).max(16384).optional().meta({ description: 'Stored encrypted; never returned' }),
    authorityHost: httpsUrl.optional(),
    apiBaseUrl: httpsUrl.optional(),
    scope: z.string().min(1).max(200).optional(),
  })
  .refine((b) => (b.clientSecret === undefined) !== (b.certificatePrivateKeyPem === undefined), {
    message: 'give exactly one of clientSecret and certificatePrivateKeyPem',
  })
  .meta({ id: 'ConnectionRequest' });
export type ConnectionBodyDto = z.infer<typeof connectionBodySchema>;

/** A connection as listed: never its credential. Connections from the environment show only their name. */
export const connectionSummarySchema = z
  .object({
    name: z.string(),
    source: z.enum(['environment', 'database']),
    tenantId: z.string().optional(),
    clientId: z.string().optional(),
    credentialKind: z.enum(['secret', 'certificate']).optional(),
    authorityHost: z.string().nullable().optional(),
    apiBaseUrl: z.string().nullable().optional(),
    scope: z.string().nullable().optional(),
    updatedBy: z.string().optional(),
    updatedAt: isoDateTime.optional(),
  })
  .meta({ id: 'ConnectionSummary' });
export type ConnectionSummaryDto = z.infer<typeof connectionSummarySchema>;
export const connectionListSchema = z.object({ items: z.array(connectionSummarySchema) }).meta({ id: 'ConnectionList' });
export type ConnectionListDto = z.infer<typeof connectionListSchema>;

export const connectionCheckSchema = z
  .object({
    connection: z.string(),
    ok: z.boolean().meta({ description: 'A token was acquired and Defender accepted it' }),
    tokenAcquired: z.boolean(),
    apiReachable: z.boolean(),
    roles: z.array(z.string()).meta({ description: 'Application permissions in the token' }),
    actions: z.array(z.object({ action: z.string(), permissions: z.array(z.string()), granted: z.boolean() })),
    error: z.object({ code: z.string(), message: z.string(), status: z.number().int().optional() }).optional(),
  })
  .meta({ id: 'ConnectionCheck' });
export type ConnectionCheckDto = z.infer<typeof connectionCheckSchema>;
