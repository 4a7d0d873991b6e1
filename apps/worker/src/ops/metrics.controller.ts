import { Controller, Get, Header, Inject, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { collectProcessMetrics, metricsRegistry, trackQueueDepth } from '@soar/observability';
import type { EngineQueue } from '@soar/queue';
import { QUEUE } from '../worker.tokens';

/** Prometheus scrape endpoint on the worker's health port: run, step and Defender metrics are counted here. */
@Controller('metrics')
export class WorkerMetricsController implements OnModuleInit, OnModuleDestroy {
  private untrack?: () => void;

  constructor(@Inject(QUEUE) private readonly queue: EngineQueue) {}

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
