export const BODY_KIND = 'soar:body-kind';
export type BodyKind = 'json' | 'yaml';
