import { z } from 'zod';
import { DEFENDER_CLOUD_NAMES } from '../config';
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
    cloud: z
      .enum(DEFENDER_CLOUD_NAMES, { error: `must be one of ${DEFENDER_CLOUD_NAMES.join(', ')}` })
      .optional()
      .meta({ description: 'Sets sign-in host, API base URL and scope together (README: Connecting a real tenant)' }),
    authorityHost: httpsUrl.optional().meta({ description: "Overrides the cloud's sign-in host" }),
    apiBaseUrl: httpsUrl.optional().meta({ description: "Overrides the cloud's API base URL (e.g. a geo host)" }),
    scope: z.string().min(1).max(200).optional(),
    knownAuthorities: z.array(z.string().min(1).max(255)).max(10).optional().meta({ description: "msal-node's knownAuthorities for this connection" }),
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
    reason: z.string().meta({ description: 'Why `ok` is what it is, in a sentence an admin can act on' }),
    actions: z.array(
      z.object({
        action: z.string(),
        permissions: z.array(z.string()).meta({ description: 'Any one of these allows the action' }),
        alsoNeeds: z.array(z.string()).meta({ description: 'Needed as well (any one): machine actions also read the machine' }),
        granted: z.boolean(),
        missing: z.array(z.string()).meta({ description: 'What to grant, one entry per requirement ("A or B"); empty when granted' }),
      }),
    ),
    playbooks: z
      .array(
        z.object({
          playbook: z.string(),
          version: z.number().int(),
          enabled: z.boolean(),
          runnable: z.boolean(),
          missing: z.array(z.object({ step: z.string(), action: z.string(), missing: z.array(z.string()) })),
        }),
      )
      .meta({ description: 'Playbooks on this connection: can each run with the granted permissions, and what is missing' }),
    error: z.object({ code: z.string(), message: z.string(), status: z.number().int().optional() }).optional(),
  })
  .meta({ id: 'ConnectionCheck' });
export type ConnectionCheckDto = z.infer<typeof connectionCheckSchema>;
