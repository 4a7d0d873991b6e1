import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';
import { ACTION_DEFINITIONS } from '@soar/contracts';

/** The action catalog with JSON Schemas for parameters and outputs, generated from the zod schemas. */
@Controller('api/actions')
export class ActionsController {
  private readonly catalog = ACTION_DEFINITIONS.map((a) => ({
    name: a.name,
    title: a.title,
    description: a.description,
    permissions: a.permissions,
    alsoNeeds: a.alsoNeeds ?? [],
    sideEffect: a.sideEffect,
    secretParams: a.secretParams ?? [],
    params: z.toJSONSchema(a.params, { io: 'input', unrepresentable: 'any' }),
    output: z.toJSONSchema(a.output, { unrepresentable: 'any' }),
  }));

  @Get()
  list(): object {
    return { items: this.catalog };
  }
}
