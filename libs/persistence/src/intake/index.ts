export * from './intake-alert.repository';
export * from './intake-source.repository';
export * from './triggered-run.repository';
