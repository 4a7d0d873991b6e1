import { z } from 'zod';
import type { ActionCatalogDto } from '@soar/contracts';
import { ACTION_DEFINITIONS } from '@soar/defender';

/** The action catalog with JSON Schemas for parameters and outputs, generated once from the zod schemas. */
export function renderActionCatalog(): ActionCatalogDto {
  return {
    items: ACTION_DEFINITIONS.map((a) => ({
      name: a.name,
      title: a.title,
      description: a.description,
      permissions: [...a.permissions],
      alsoNeeds: [...(a.alsoNeeds ?? [])],
      secretParams: [...(a.secretParams ?? [])],
      sideEffect: a.sideEffect,
      params: z.toJSONSchema(a.params, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
      output: z.toJSONSchema(a.output, { unrepresentable: 'any' }) as Record<string, unknown>,
    })),
  };
}
