import { Controller, Get, Header } from '@nestjs/common';
import { actionCatalog } from '@soar/defender';
import { renderPlaybookJsonSchema } from '@soar/playbook';

/**
 * The JSON Schema of playbook YAML files at a stable URL, for editors with the YAML language server
 * (`# yaml-language-server: $schema=http://<api>/api/schemas/playbook.schema.json`). It is generated
 * from the same zod schemas as the validator; libs/playbook/playbook.schema.json is the committed copy.
 */
@Controller('api/schemas')
export class SchemasController {
  private readonly playbookSchema = renderPlaybookJsonSchema(actionCatalog);

  @Get('playbook.schema.json')
  @Header('content-type', 'application/schema+json')
  @Header('cache-control', 'public, max-age=300')
  playbook(): string {
    return this.playbookSchema;
  }
}
