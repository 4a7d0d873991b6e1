import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RequestHandler } from 'express';
import type { EngineQueue } from '@soar/queue';
import { TOKENS } from '../tokens';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/**
 * Bull Board (the BullMQ dashboard) under /api/admin/queues, behind authentication and the admin role
 * (`guard`: Nest's guards do not see Express routes; its writes are audited). It shows jobs, which
 * carry only ids; run state and secrets live in Postgres and are not reachable from it.
 */
export function mountQueueDashboard(app: NestExpressApplication, guard: RequestHandler[]): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  const queue = app.get<EngineQueue>(TOKENS.queue).queue;
  createBullBoard({ queues: [new BullMQAdapter(queue)], serverAdapter, options: { uiConfig: { boardTitle: 'Defender SOAR queues' } } });
  app.use(QUEUE_DASHBOARD_PATH, ...guard, serverAdapter.getRouter());
}
