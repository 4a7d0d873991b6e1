export * from './redis-connection';
export * from './engine-queue';
export * from './intake-queue';
