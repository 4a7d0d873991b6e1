export * from './registry';
export * from './run.metrics';
export * from './defender.metrics';
export * from './intake.metrics';
export * from './queue.metrics';
