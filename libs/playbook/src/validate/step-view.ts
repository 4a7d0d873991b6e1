import type { JsonValue } from '@soar/contracts';

/**
 * A lenient view of one step of the raw document. Shape problems are reported by the zod schema;
 * the meaning checks read whatever is well-formed here so that one typo does not hide the rest.
 */
export interface StepView {
  list: 'steps' | 'on_failure';
  index: number;
  id?: string;
  action?: string;
  with?: Record<string, JsonValue>;
  if?: string;
  /** Undefined when the step omits `needs` (and so follows the previous step). */
  needs?: string[];
  goto: string[];
  foreach?: { items?: string; as: string };
}

const isObject = (v: unknown): v is Record<string, JsonValue> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function stepViews(doc: Record<string, JsonValue>, list: 'steps' | 'on_failure'): StepView[] {
  const raw = doc[list];
  if (!Array.isArray(raw)) return [];
  return raw.map((s, index): StepView => {
    const step = isObject(s) ? s : {};
    const needs = step.needs;
    const onError = step.on_error;
    const foreach = isObject(step.foreach) ? step.foreach : undefined;
    return {
      list,
      index,
      id: str(step.id),
      action: str(step.action),
      with: isObject(step.with) ? step.with : undefined,
      if: str(step.if),
      needs: needs === undefined ? undefined : typeof needs === 'string' ? [needs] : strings(needs),
      goto: isObject(onError) ? strings(onError.goto) : [],
      foreach: foreach ? { items: str(foreach.items), as: str(foreach.as) ?? 'item' } : undefined,
    };
  });
}
