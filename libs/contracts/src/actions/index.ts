export * from './action-definition';
export * from './action-handler';
export * from './defender';
export * from './core';
