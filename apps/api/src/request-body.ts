import { z } from 'zod';
import { ERROR_CODES, type Problem } from '@soar/contracts';
import { AppError } from './errors/app-error';

/** Checks a JSON body against a schema; every problem is reported with its path. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
    code: i.code,
  }));
  throw new AppError(ERROR_CODES.validationFailed, `the ${where} has ${problems.length} problem(s)`, problems);
}
