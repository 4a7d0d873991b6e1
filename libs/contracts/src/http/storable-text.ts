import { z } from 'zod';
import type { Problem } from '../errors';

/*
 * Postgres refuses two things JSON and YAML can carry: the NUL character (in text and jsonb) and
 * UTF-16 lone surrogates (not encodable as UTF-8). Checked at the edge so they are a 400 naming
 * the field instead of a database error.
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or null when it can. */
export function unstorableReason(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (an invalid \\uD800-\\uDFFF escape), which cannot be stored';
  return null;
}

/**
 * Deepest JSON nesting a request may carry. Deeper documents (`[[[[...]]]]` 5,000 levels) would
 * overflow the stack of every recursive walk after this one (validation, Prisma, CEL), so they
 * are refused here, where the walk itself stops at the limit.
 */
export const MAX_JSON_DEPTH = 64;

/** Every string (keys included) inside a JSON value that cannot be stored, located by path; nesting beyond MAX_JSON_DEPTH is one problem. */
export function findUnstorableStrings(value: unknown, path: string, found: Problem[] = [], depth = 0): Problem[] {
  if (found.length >= 20) return found;
  if (depth > MAX_JSON_DEPTH && value !== null && typeof value === 'object') {
    found.push({ path, message: `nested deeper than ${MAX_JSON_DEPTH} levels`, code: 'too_deep' });
    return found;
  }
  if (typeof value === 'string') {
    const reason = unstorableReason(value);
    if (reason) found.push({ path, message: reason, code: 'unstorable_text' });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findUnstorableStrings(item, `${path}[${i}]`, found, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = unstorableReason(key);
      if (keyReason) found.push({ path: `${path}.${JSON.stringify(key)}`, message: `key ${keyReason}`, code: 'unstorable_text' });
      else findUnstorableStrings(item, `${path}.${key}`, found, depth + 1);
    }
  }
  return found;
}

/** A string Postgres can store (for query parameters and other free text). */
export const storableString = () =>
  z.string().superRefine((value, ctx) => {
    const reason = unstorableReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
