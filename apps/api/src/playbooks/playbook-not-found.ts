import { ERROR_CODES } from '@soar/contracts';
import { AppError } from '../errors/app-error';
import { closeNames } from './close-names';

/** 404 for an unknown playbook, suggesting saved names close to the one asked for. */
export function playbookNotFound(name: string, known: readonly string[], what = `playbook ${name} does not exist`): AppError {
  const close = closeNames(name, known);
  return new AppError(ERROR_CODES.playbookNotFound, close.length ? `${what}; did you mean ${close.join(', ')}?` : what);
}
