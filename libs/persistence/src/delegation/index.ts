export * from './delegated-token.store';
export * from './delegated-identity';
