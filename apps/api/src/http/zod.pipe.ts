import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ERROR_CODES, findUnstorableStrings, type Problem } from '@soar/contracts';
import { AppError } from '../errors/app-error';

/**
 * The one validation pipe: checks a path parameter, the query or the body against its schema from
 * the contract (libs/contracts/src/http) and reports every problem with its path (`id`,
 * `query.limit`, `body.inputs.alert_id`). Bodies are also checked for text Postgres cannot store.
 */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly where: string,
  ) {}

  transform(value: unknown): z.infer<S> {
    return validate(this.schema, this.where === 'body' ? (value ?? {}) : value, this.where);
  }
}

export function validate<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const unstorable = findUnstorableStrings(value, where);
  if (unstorable.length) throw new AppError(ERROR_CODES.validationFailed, `the ${where} has ${unstorable.length} problem(s)`, unstorable);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
    code: i.code,
  }));
  throw new AppError(ERROR_CODES.validationFailed, `the ${where} has ${problems.length} problem(s)`, problems);
}

/** Shorthands for controllers: `@Param('id', param(runIdSchema, 'id'))`, `@Query(query(schema))`, `@Body(body(schema))`. */
export const param = <S extends z.ZodType>(schema: S, name: string) => new ZodPipe(schema, name);
export const query = <S extends z.ZodType>(schema: S) => new ZodPipe(schema, 'query');
export const body = <S extends z.ZodType>(schema: S) => new ZodPipe(schema, 'body');
