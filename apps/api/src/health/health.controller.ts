import { Controller, Get } from '@nestjs/common';
import type { HealthDto } from '@soar/contracts';
import { Public } from '../auth/public.decorator';
import { HealthService } from './health.service';

/** Needs no API key: `npm start` and load balancers probe it (it tells only up or down). */
@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  check(): Promise<HealthDto> {
    return this.health.check();
  }
}
