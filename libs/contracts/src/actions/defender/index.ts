export * from './entities';
export * from './defender-error-codes';
export * from './machine-action-result';
