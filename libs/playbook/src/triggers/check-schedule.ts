import { CronExpressionParser } from 'cron-parser';
import type { z } from 'zod';

/**
 * cron-parser is the parser BullMQ's job schedulers use for `pattern`, so a cron accepted here is
 * one the scheduler runs; checking it at save time reports a bad cron with its line and column.
 */
export function checkCron(cron: string, ctx: z.RefinementCtx): void {
  if (!isValidCron(cron)) ctx.addIssue({ code: 'custom', message: `"${cron}" is not a cron expression (five or six fields, e.g. "0 */6 * * *")` });
}

export function isValidCron(cron: string): boolean {
  const fields = cron.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return false;
  try {
    CronExpressionParser.parse(cron, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

/** An IANA zone name the runtime knows (Intl throws a RangeError for unknown ones). */
export function checkTimezone(timezone: string, ctx: z.RefinementCtx): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${timezone}" is not an IANA time zone such as UTC or Europe/Berlin` });
  }
}
