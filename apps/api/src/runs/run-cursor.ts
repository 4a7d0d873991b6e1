import { ERROR_CODES } from '@soar/contracts';
import { z } from 'zod';
import { AppError } from '../errors/app-error';

/** Opaque keyset cursor: base64url of `<createdAt ISO>|<run id>`. */
export const encodeCursor = (run: { createdAt: string; id: string }): string => Buffer.from(`${run.createdAt}|${run.id}`).toString('base64url');

const runId = z.uuid();
// Only what this API itself writes: a UTC ISO timestamp of a plausible run (year 2000-9999), so an
// edited cursor (year 275760, a non-UUID id) is a 400 and never reaches Postgres.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at);
  const valid = rest.length === 0 && ISO.test(at) && !Number.isNaN(createdAt.getTime()) && createdAt.toISOString() === at && createdAt.getUTCFullYear() >= 2000 && runId.safeParse(id).success;
  if (!valid) {
    throw new AppError(ERROR_CODES.validationFailed, 'query.cursor is not a cursor this API returned', [{ path: 'query.cursor', message: 'invalid cursor: pass back the nextCursor of the previous page' }]);
  }
  return { createdAt, id };
}
