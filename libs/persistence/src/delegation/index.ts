export * from './delegated-token.store';
