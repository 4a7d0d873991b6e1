import { z } from 'zod';
import { isoDateTime } from './common';

/**
 * The roles of this API (issue 11). `admin` may do everything; the others grant one area of writes
 * each, and every role may read what is not admin-only (see ROUTE_POLICY).
 */
export const ROLES = ['admin', 'author', 'analyst', 'approver', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const apiKeyIdSchema = z.uuid('an API key id is a UUID').meta({ description: 'API key id' });
export const apiKeyParams = z.object({ id: apiKeyIdSchema });

export const createApiKeyBodySchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/, 'a name of letters, digits, . _ @ - (up to 100), e.g. soar-automation')
      .meta({ description: 'Recorded as the actor of everything the key does' }),
    roles: z.array(roleSchema).min(1, 'give at least one role').max(ROLES.length),
    expiresAt: z.iso
      .datetime({ offset: true, message: 'an ISO 8601 time with zone, e.g. 2027-06-30T00:00:00Z' })
      .optional()
      .meta({ description: 'After this time the key is refused (401); never, if left out' }),
  })
  .meta({ id: 'CreateApiKeyRequest' });
export type CreateApiKeyBodyDto = z.infer<typeof createApiKeyBodySchema>;

export const apiKeySummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    roles: z.array(z.string()),
    createdBy: z.string(),
    createdAt: isoDateTime,
    expiresAt: isoDateTime.nullable(),
    lastUsedAt: isoDateTime.nullable().meta({ description: 'Last authenticated request (updated at most once a minute)' }),
    revokedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'ApiKeySummary' });
export type ApiKeySummaryDto = z.infer<typeof apiKeySummarySchema>;

export const createdApiKeySchema = apiKeySummarySchema
  .extend({ key: z.string().meta({ description: 'The key itself: shown this once, stored only as a hash' }) })
  .meta({ id: 'CreatedApiKey' });
export type CreatedApiKeyDto = z.infer<typeof createdApiKeySchema>;

export const apiKeyListSchema = z.object({ items: z.array(apiKeySummarySchema) }).meta({ id: 'ApiKeyList' });
export type ApiKeyListDto = z.infer<typeof apiKeyListSchema>;

export const AUDIT_SOURCES = ['api-key', 'local', 'intake', 'entra'] as const;

export const auditEntrySchema = z
  .object({
    id: z.string().meta({ description: 'Increasing; pass as `cursor` for the next page' }),
    at: isoDateTime,
    actor: z.string(),
    roles: z.array(z.string()),
    source: z.string().meta({ description: 'api-key, entra, local or intake' }),
    action: z.string().meta({ description: 'The operation id, e.g. startRun, decideApproval, createApiKey' }),
    target: z.string().nullable().meta({ description: 'What it acted on, e.g. `playbook:contain-alert-machine`, `run:<id>`' }),
    status: z.number().int().meta({ description: 'The HTTP status answered' }),
    outcome: z.string().nullable().meta({ description: 'What it produced (`run:<id>`, `version:3`) or the error code' }),
    clientAddress: z.string().nullable(),
    correlationId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.strictObject({
  actor: z.string().max(256).optional(),
  action: z.string().max(100).optional(),
  target: z.string().max(400).optional().meta({ description: 'Exact target, e.g. `run:<id>`' }),
  since: z.iso.datetime({ offset: true, message: 'an ISO 8601 time with zone' }).optional(),
  until: z.iso.datetime({ offset: true, message: 'an ISO 8601 time with zone' }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().regex(/^\d{1,19}$/, 'the nextCursor of the previous page').optional(),
  format: z.enum(['json', 'csv']).default('json').meta({ description: '`csv` (or `Accept: text/csv`) exports the same rows as CSV' }),
});
export type AuditQueryDto = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z
  .object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable().meta({ description: 'Older entries: pass as `cursor`' }) })
  .meta({ id: 'AuditPage' });
export type AuditPageDto = z.infer<typeof auditPageSchema>;
