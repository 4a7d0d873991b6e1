import { RunControlError } from '@soar/engine';
import { AppError } from '../errors/app-error';

/** Runs a run-control use case, turning its refusals into API errors (404/403/409). */
export async function runControlCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RunControlError) throw new AppError(error.code, error.message);
    throw error;
  }
}
