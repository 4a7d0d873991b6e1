export * from './action-definition';
export * from './defender';
export * from './catalog';
