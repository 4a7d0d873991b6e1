export * from './entities';
export * from './alert.actions';
export * from './machine-action.actions';
