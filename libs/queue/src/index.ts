export * from './redis-connection';
export * from './engine-queue';
