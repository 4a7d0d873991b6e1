import { Controller, Get } from '@nestjs/common';
import type { ActionCatalogDto } from '@soar/contracts';
import { renderActionCatalog } from './action-catalog';

@Controller('api/actions')
export class ActionsController {
  private readonly catalog = renderActionCatalog();

  @Get()
  list(): ActionCatalogDto {
    return this.catalog;
  }
}
