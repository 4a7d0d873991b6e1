/**
 * Defender throttling groups (REFERENCE.md §9.2). Quotas are counted per application + tenant; every
 * call not listed in a narrower group counts against `default`.
 */
export const DEFENDER_ENDPOINT_GROUPS = [
  'default',
  'alertBatchUpdate',
  'indicatorImport',
  'indicatorBatchDelete',
  'packageUri',
  'liveResponse',
  'vulnerabilities',
  'hunting',
] as const;
export type DefenderEndpointGroup = (typeof DEFENDER_ENDPOINT_GROUPS)[number];
