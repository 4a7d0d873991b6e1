/** Quota groups of REFERENCE §9.2. */
export const ENDPOINT_GROUPS = [
  'default',
  'alertsBatchUpdate',
  'createAlertByReference',
  'indicatorsImport',
  'indicatorsBatchDelete',
  'packageUri',
  'liveResponse',
  'vulnerabilities',
  'advancedHunting',
] as const;
export type EndpointGroup = (typeof ENDPOINT_GROUPS)[number];

export interface GroupLimit {
  perMinute: number;
  perHour?: number;
}

export const REFERENCE_LIMITS: Record<EndpointGroup, GroupLimit> = {
  default: { perMinute: 100, perHour: 1500 },
  alertsBatchUpdate: { perMinute: 10, perHour: 500 },
  createAlertByReference: { perMinute: 15 },
  indicatorsImport: { perMinute: 30 },
  indicatorsBatchDelete: { perMinute: 30, perHour: 1500 },
  packageUri: { perMinute: 2, perHour: 120 },
  liveResponse: { perMinute: 10 },
  vulnerabilities: { perMinute: 50, perHour: 1500 },
  advancedHunting: { perMinute: 45, perHour: 1500 },
};
