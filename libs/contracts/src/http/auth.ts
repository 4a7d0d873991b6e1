import { z } from 'zod';

export const principalSourceSchema = z.enum(['api-key', 'local', 'intake', 'entra']);

/** Who the API takes the caller to be (never a credential). */
export const meSchema = z
  .object({
    actor: z.string().meta({ description: 'The name recorded as who acted: the API key name, or the Entra user’s UPN' }),
    roles: z.array(z.string()).meta({ description: 'admin, author, analyst, approver, viewer (or other names given to keys)' }),
    source: principalSourceSchema,
  })
  .meta({ id: 'Me' });
export type MeDto = z.infer<typeof meSchema>;

/** How a client signs in; for Entra, what msal needs (all public values). */
export const authConfigSchema = z
  .object({
    mode: z.enum(['local', 'api-key', 'entra']).meta({ description: 'local: no authentication; api-key: API keys; entra: Entra ID sign-in (API keys also accepted)' }),
    entra: z
      .object({
        authority: z.string().meta({ description: 'e.g. https://login.microsoftonline.com/<tenant id>' }),
        tenantId: z.string(),
        clientId: z.string().meta({ description: 'The console’s application (client) id' }),
        apiScope: z.string().meta({ description: 'The delegated scope to request, e.g. api://<API client id>/access_as_user' }),
      })
      .optional(),
  })
  .meta({ id: 'AuthConfig' });
export type AuthConfigDto = z.infer<typeof authConfigSchema>;
