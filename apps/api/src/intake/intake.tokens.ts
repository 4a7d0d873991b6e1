/** Nest injection tokens of the intake feature. */
export const INTAKE_TOKENS = {
  alertIntake: 'ALERT_INTAKE',
  alerts: 'INTAKE_ALERT_REPOSITORY',
  sources: 'INTAKE_SOURCE_REPOSITORY',
  triggeredRuns: 'TRIGGERED_RUN_REPOSITORY',
} as const;
