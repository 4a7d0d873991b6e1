export * from './prisma-client.factory';
export * from './prisma-run.store';
export * from './playbook.repository';
export * from './run.repository';
export { migrateDatabase } from './migrate';
export { ensureDatabase } from './ensure-database';
export * from './prisma-approval.store';
export * from './prisma-stale-work.finder';
export * from './connections';
