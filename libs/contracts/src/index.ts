export * from './states';
export * from './queues';
export * from './errors';
export * from './json';
export * from './actions';
export * from './config';
export * from './http/intake';
