import type { JsonValue } from '@soar/contracts';
import { Prisma } from './generated/prisma/client';

/** Prisma distinguishes "set the column to SQL NULL" from a JSON value; map our JSON values to it. */
export function toDbJson(value: JsonValue | null | undefined): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

export const fromDbJson = (value: unknown): JsonValue => (value ?? null) as JsonValue;
