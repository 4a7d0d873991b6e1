export * from './engine-error-codes';
export * from './core-action-error-codes';
export * from './rate-limited.error';
export * from './error-catalog';
export * from './render-error-codes-doc';
