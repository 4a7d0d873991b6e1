import type { ActionCatalog, JsonValue } from '@soar/contracts';
import type { ParseResult } from './model';
import { normalizePlaybook } from './normalize';
import { PROBLEM_CODES, sortProblems } from './problems';
import { playbookDocumentSchema } from './schema/playbook.schema';
import { issuesToProblems, safeParseFriendly } from './schema/zod-problems';
import { checkInputRules } from './validate/check-input-rules';
import { checkInputs } from './validate/check-inputs';
import { checkSteps } from './validate/check-steps';
import { checkRunAs } from './validate/check-run-as';
import { ValidationContext } from './validate/context';
import { DEFAULT_YAML_LIMITS, loadYaml } from './yaml/load-yaml';

export interface ParsePlaybookOptions {
  /** Actions steps may call; unknown names and parameters that do not fit are problems. */
  catalog: ActionCatalog;
  /** Largest accepted file, in UTF-8 bytes. Default 262144 (256 KiB). */
  maxBytes?: number;
  /** Names of the configured secrets; when given, `secrets.X` must name one of them. */
  secretNames?: readonly string[];
}

/**
 * Parses and validates a playbook YAML file. Returns every problem found, each with its path,
 * 1-based line and column and a stable code, sorted by position: first the YAML itself, then the
 * shape (unknown, missing and mistyped keys), then the meaning (actions and their parameters,
 * step references, cycles, expressions). Never throws on any input.
 *
 * `source` may be the raw bytes of an upload (must be UTF-8) or a string.
 */
export function parsePlaybook(source: string | Uint8Array, options: ParsePlaybookOptions): ParseResult {
  try {
    return parseUnsafe(source, options);
  } catch (error) {
    // Validation bugs must not surface as 500s on hostile input: report them as a problem and let
    // the caller log it. The fuzz test keeps this path unused.
    return {
      ok: false,
      problems: [{ path: '', message: `the playbook could not be checked (${(error as Error).message})`, code: 'internal_error' }],
    };
  }
}

function parseUnsafe(source: string | Uint8Array, options: ParsePlaybookOptions): ParseResult {
  const loaded = loadYaml(source, { ...DEFAULT_YAML_LIMITS, maxBytes: options.maxBytes ?? DEFAULT_YAML_LIMITS.maxBytes });
  if (!loaded.ok) return { ok: false, problems: sortProblems(loaded.problems) };
  const { value, sourceMap } = loaded;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      problems: [{ path: '', message: 'a playbook is a map with name, title, steps, ...', line: 1, column: 1, code: PROBLEM_CODES.wrongType }],
    };
  }
  const ctx = new ValidationContext(sourceMap, options.catalog, options.secretNames ? new Set(options.secretNames) : undefined);
  const shape = safeParseFriendly(playbookDocumentSchema, value);
  if (!shape.success) {
    ctx.problems.push(...issuesToProblems(shape.error.issues, value, playbookDocumentSchema, { sourceMap, basePath: [] }));
  }
  checkInputs(ctx, (value as Record<string, JsonValue>).inputs);
  checkInputRules(ctx, (value as Record<string, JsonValue>).input_rules, (value as Record<string, JsonValue>).inputs);
  checkSteps(ctx, value as Record<string, JsonValue>);
  if (ctx.problems.length > 0 || !shape.success) return { ok: false, problems: sortProblems(dedupe(ctx.problems)) };
  const playbook = normalizePlaybook(shape.data);
  checkRunAs(ctx, playbook);
  if (ctx.problems.length > 0) return { ok: false, problems: sortProblems(ctx.problems) };
  return { ok: true, playbook, warnings: sortProblems(ctx.warnings) };
}

function dedupe<T extends { path: string; message: string; code?: string; line?: number; column?: number }>(problems: T[]): T[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}|${p.path}|${p.line}:${p.column}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
