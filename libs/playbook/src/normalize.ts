import type { JsonValue } from '@soar/contracts';
import { handlerIds, normalizeNeeds } from './graph';
import { INPUT_RULE_KINDS, type InputDeclaration, type PlaybookDefinition, type StepDefinition, type TriggerDefinition } from './model';
import type { InputDocument, PlaybookDocument, StepDocument } from './schema/playbook.schema';
import { unwrapExpression } from './expressions/template';

/** `alert_id` -> `Alert id`. */
export const labelFromName = (name: string): string => {
  const words = name.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function toInputDeclaration(name: string, doc: InputDocument, order: number): InputDeclaration {
  const decl: InputDeclaration = {
    name,
    type: doc.type,
    label: doc.label ?? labelFromName(name),
    required: doc.required,
    order,
  };
  if (doc.help !== undefined) decl.help = doc.help;
  if (doc.default !== undefined) decl.default = doc.default as JsonValue;
  if (doc.pattern !== undefined) decl.pattern = doc.pattern;
  if (doc.format !== undefined) decl.format = doc.format;
  if (doc.values !== undefined) decl.values = doc.values;
  if (doc.min !== undefined) decl.min = doc.min;
  if (doc.max !== undefined) decl.max = doc.max;
  if (doc.items !== undefined) decl.items = { ...doc.items };
  return decl;
}

/** A bare expression from `if` / `foreach.items`, which may be written with or without `${{ }}`. */
const bare = (s: string): string => {
  const u = unwrapExpression(s);
  return u.ok ? u.expr : s;
};

function toSteps(steps: StepDocument[], handlers: ReadonlySet<string>): StepDefinition[] {
  const views = steps.map((s) => ({
    id: s.id,
    needs: s.needs === undefined ? undefined : typeof s.needs === 'string' ? [s.needs] : s.needs,
    goto: typeof s.on_error === 'object' ? s.on_error.goto : [],
  }));
  const needs = normalizeNeeds(views, handlers);
  return steps.map((s, i) => {
    const step: StepDefinition = {
      id: s.id,
      action: s.action,
      with: s.with as Record<string, JsonValue>,
      needs: needs[i],
      retry: { ...s.retry },
      on_error: typeof s.on_error === 'object' ? { goto: [...s.on_error.goto] } : s.on_error,
      handler: handlers.has(s.id),
    };
    if (s.name !== undefined) step.name = s.name;
    if (s.if !== undefined) step.if = typeof s.if === 'boolean' ? String(s.if) : bare(s.if);
    if (s.foreach !== undefined) step.foreach = { items: bare(s.foreach.items), concurrency: s.foreach.concurrency, as: s.foreach.as };
    if (s.timeout_seconds !== undefined) step.timeout_seconds = s.timeout_seconds;
    if (s.wait !== undefined) step.wait = { ...s.wait };
    if (s.run_as !== undefined) step.run_as = s.run_as;
    return step;
  });
}

/** Builds the stored definition from a document that passed every check. */
export function normalizePlaybook(doc: PlaybookDocument): PlaybookDefinition {
  const handlers = handlerIds(
    doc.steps.map((s) => ({ id: s.id, goto: typeof s.on_error === 'object' ? s.on_error.goto : [] })),
  );
  const def: PlaybookDefinition = {
    name: doc.name,
    title: doc.title,
    description: doc.description,
    tags: doc.tags,
    connection: doc.connection,
    inputs: Object.entries(doc.inputs).map(([name, d], order) => toInputDeclaration(name, d, order)),
    input_rules: doc.input_rules.map((r) => {
      const kind = INPUT_RULE_KINDS.find((k) => r[k] !== undefined)!;
      return { kind, inputs: r[kind]!, ...(r.message !== undefined ? { message: r.message } : {}) };
    }),
    triggers: doc.triggers as TriggerDefinition[],
    concurrency: doc.concurrency,
    steps: toSteps(doc.steps, handlers),
    on_failure: toSteps(doc.on_failure, new Set()),
    outputs: doc.outputs,
  };
  if (doc.version_notes !== undefined) def.version_notes = doc.version_notes;
  if (doc.timeout_seconds !== undefined) def.timeout_seconds = doc.timeout_seconds;
  if (doc.run_as !== undefined) def.run_as = doc.run_as;
  if (doc.outcome?.length) {
    def.outcome = doc.outcome.map((r) => ({
      if: typeof r.if === 'boolean' ? String(r.if) : bare(r.if),
      outcome: r.outcome,
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
    }));
  }
  // A JSON round trip drops anything JSON cannot carry, so the stored copy equals what we return.
  return JSON.parse(JSON.stringify(def)) as PlaybookDefinition;
}
