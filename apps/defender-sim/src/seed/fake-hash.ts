import { createHash } from 'node:crypto';

/** Stable, realistic-looking identifiers derived from a label, so seed ids never change between runs. */
export const fakeSha1 = (label: string): string => createHash('sha1').update(label).digest('hex');
export const fakeSha256 = (label: string): string => createHash('sha256').update(label).digest('hex');
export const fakeMd5 = (label: string): string => createHash('md5').update(label).digest('hex');

/** A GUID-shaped id derived from a label (version nibble 4, variant 8). */
export function fakeGuid(label: string): string {
  const h = fakeSha1(label);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
