import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { HealthDto } from '@soar/contracts';
import type { Db } from '@soar/persistence';
import { TOKENS } from '../tokens';

@Injectable()
export class HealthService {
  constructor(
    @Inject(TOKENS.db) private readonly db: Db,
    @Inject(TOKENS.redis) private readonly redis: Redis,
  ) {}

  async check(): Promise<HealthDto> {
    const [postgres, redis] = await Promise.all([
      this.db.$queryRaw`SELECT 1`.then(() => 'up' as const, () => 'down' as const),
      this.redis.ping().then(() => 'up' as const, () => 'down' as const),
    ]);
    return { status: postgres === 'up' && redis === 'up' ? 'ok' : 'degraded', postgres, redis };
  }
}
