export * from './credential-cipher';
export * from './connection.repository';
export * from './connection-resolver';
export * from './env-connections';
export * from './resolving-connection';
