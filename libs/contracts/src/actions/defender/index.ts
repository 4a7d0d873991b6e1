export * from './entities';
export * from './defender-error-codes';
export * from './alert.actions';
export * from './machine-action.actions';
export * from './permissions';
