import { Controller, Get, Inject } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Db } from '@soar/persistence';
import { TOKENS } from '../tokens';

@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(TOKENS.db) private readonly db: Db,
    @Inject(TOKENS.redis) private readonly redis: Redis,
  ) {}

  @Get()
  async check(): Promise<object> {
    const [postgres, redis] = await Promise.all([
      this.db.$queryRaw`SELECT 1`.then(() => 'up', () => 'down'),
      this.redis.ping().then(() => 'up', () => 'down'),
    ]);
    return { status: postgres === 'up' && redis === 'up' ? 'ok' : 'degraded', postgres, redis };
  }
}
