import { ERROR_CODES } from '@soar/contracts';
import { AppError } from '../errors/app-error';

/** Opaque keyset cursor: base64url of `<createdAt ISO>|<run id>`. */
export const encodeCursor = (run: { createdAt: string; id: string }): string => Buffer.from(`${run.createdAt}|${run.id}`).toString('base64url');

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError(ERROR_CODES.validationFailed, 'query.cursor is not a cursor this API returned', [{ path: 'query.cursor', message: 'invalid cursor' }]);
  }
  return { createdAt, id };
}
