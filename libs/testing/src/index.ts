export * from './test-env';
export * from './database';
export * from './wait-for';
export * from './processes';
export * from './tcp-outage-proxy';
