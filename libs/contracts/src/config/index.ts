export * from './parse-environment';
export * from './shared-env.schema';
export * from './defender-clouds';
