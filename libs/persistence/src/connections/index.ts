export * from './credential-cipher';
export * from './connection.repository';
export * from './env-connections';
