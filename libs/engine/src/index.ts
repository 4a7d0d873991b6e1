export * from './ports/run-store';
export * from './ports/job-scheduler';
export * from './ports/clock';
export * from './decide/decide-next-steps';
export * from './decide/retry-delay';
export * from './run-advancer';
export * from './step-executor';
export * from './expression-scope';
