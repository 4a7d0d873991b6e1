export * from './logger';
export * from './graceful-shutdown';
export * from './redact-credentials';
