import { Public } from '../auth/public.decorator';
import { Controller, Get, Header, Inject, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { collectProcessMetrics, metricsRegistry, trackQueueDepth } from '@soar/observability';
import type { EngineQueue } from '@soar/queue';
import { TOKENS } from '../tokens';

/** Prometheus scrape endpoint (outside `/api`, like the probes; keep it off public ingress). */
// Probes and metrics are for the kubelet and Prometheus: no API key (keep them off public ingress).
@Public()
@Controller('metrics')
export class MetricsController implements OnModuleInit, OnModuleDestroy {
  private untrack?: () => void;

  constructor(@Inject(TOKENS.queue) private readonly queue: EngineQueue) {}

  onModuleInit(): void {
    collectProcessMetrics();
    this.untrack = trackQueueDepth(this.queue.queue);
  }

  onModuleDestroy(): void {
    this.untrack?.();
  }

  @Get()
  @Header('content-type', metricsRegistry.contentType)
  scrape(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
