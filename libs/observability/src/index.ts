export * from './logger';
export * from './graceful-shutdown';
export * from './correlation';
export * from './metrics';
export * from './health/dependency-probe';
export * from './health/health-answer';
export * from './tracing/start-tracing';
export * from './tracing/span';
