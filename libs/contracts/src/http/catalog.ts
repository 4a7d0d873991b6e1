import { z } from 'zod';
import { jsonSchemaDocument } from './common';

export const actionCatalogEntrySchema = z
  .object({
    name: z.string().meta({ example: 'defender.machine.isolate' }),
    title: z.string(),
    description: z.string(),
    permissions: z.array(z.string()).meta({ description: 'Any one of these Defender application permissions allows the action' }),
    alsoNeeds: z.array(z.string()),
    secretParams: z.array(z.string()).meta({ description: 'Parameters that may carry playbook secrets (nowhere else may a secret flow)' }),
    sideEffect: z.boolean(),
    params: jsonSchemaDocument,
    output: jsonSchemaDocument,
  })
  .meta({ id: 'ActionCatalogEntry' });
export type ActionCatalogEntryDto = z.infer<typeof actionCatalogEntrySchema>;
export const actionCatalogSchema = z.object({ items: z.array(actionCatalogEntrySchema) }).meta({ id: 'ActionCatalog' });
export type ActionCatalogDto = z.infer<typeof actionCatalogSchema>;
