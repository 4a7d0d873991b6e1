export * from './core.actions';
