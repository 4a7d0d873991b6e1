export * from './alerts/intake-alert';
export * from './alerts/alert-intake';
export * from './alerts/parse-intake-alerts';
export * from './alerts/normalize-graph-alert';
export * from './webhook/webhook-signature';
export * from './triggered-run.starter';
