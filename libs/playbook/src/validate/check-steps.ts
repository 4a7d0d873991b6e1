import { STEP_ERROR_CODES, type JsonValue } from '@soar/contracts';
import { StepGraph, type GraphStep } from '../graph';
import { PROBLEM_CODES, type PathSegment } from '../problems';
import { identifierSchema } from '../schema/playbook.schema';
import { suggest } from '../schema/suggest';
import { secretPlaces } from '../secrets/secret-places';
import { checkAction } from './check-actions';
import { checkBareExpression, checkTemplates, type ExpressionPlace } from './check-expressions';
import type { ValidationContext } from './context';
import { stepViews, type StepView } from './step-view';

/** Names `foreach.as` may not take: they would hide a variable. `item` is the default and fine. */
const RESERVED_AS = new Set(['inputs', 'steps', 'alert', 'trigger', 'run', 'secrets', 'index']);

const isId = (s: string | undefined): s is string => s !== undefined && identifierSchema.safeParse(s).success;

/** Everything about steps that the schema cannot see: ids, actions, the graph, expressions. */
export function checkSteps(ctx: ValidationContext, doc: Record<string, JsonValue>): void {
  const main = stepViews(doc, 'steps');
  const onFailure = stepViews(doc, 'on_failure');
  const all = [...main, ...onFailure];
  const rawStep = (s: StepView): Record<string, JsonValue> => {
    const raw = (doc[s.list] as JsonValue[])[s.index];
    return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  };

  // Ids are one namespace: on_failure steps read main steps' results by id.
  const first = new Map<string, StepView>();
  const unique = new Set<StepView>();
  for (const s of all) {
    if (!isId(s.id)) continue;
    const earlier = first.get(s.id);
    if (earlier) {
      ctx.error(PROBLEM_CODES.duplicateStepId, [s.list, s.index, 'id'], `step id \`${s.id}\` is already used by ${earlier.list}[${earlier.index}]`);
    } else {
      first.set(s.id, s);
      unique.add(s);
    }
  }
  for (const s of all) checkAction(ctx, s, rawStep(s).with);
  for (const s of all) checkRetryCodes(ctx, s, rawStep(s).retry);

  const mainIds = new Set(main.filter((s) => unique.has(s)).map((s) => s.id!));
  const failIds = new Set(onFailure.filter((s) => unique.has(s)).map((s) => s.id!));
  for (const s of all) checkLinks(ctx, s, rawStep(s), s.list === 'steps' ? mainIds : failIds, s.list === 'steps' ? failIds : mainIds);

  const graphOf = (views: StepView[], ids: Set<string>) => {
    const nodes: GraphStep[] = views
      .filter((s) => unique.has(s))
      .map((s) => ({ id: s.id!, needs: s.needs?.filter((n) => ids.has(n)), goto: s.list === 'steps' ? s.goto.filter((g) => ids.has(g)) : [] }));
    return new StepGraph(nodes);
  };
  const mainGraph = graphOf(main, mainIds);
  const failGraph = graphOf(onFailure, failIds);
  // Ancestry is only meaningful outside loops: steps in or after a cycle are not checked for it.
  const mainTainted = mainGraph.downstreamOf(reportCycles(ctx, mainGraph, main));
  const failTainted = failGraph.downstreamOf(reportCycles(ctx, failGraph, onFailure));
  if (mainTainted.size === 0) reportUnreachable(ctx, mainGraph, main);

  const inputs = new Set(
    doc.inputs !== null && typeof doc.inputs === 'object' && !Array.isArray(doc.inputs) ? Object.keys(doc.inputs) : [],
  );
  const stepIds = new Set([...mainIds, ...failIds]);
  const readsAlert = { value: false };
  const common = { inputs, stepIds, secretNames: ctx.secretNames, secretPlaces: secretPlaces(ctx.catalog), readsAlert };
  for (const s of all) {
    const raw = rawStep(s);
    const base: PathSegment[] = [s.list, s.index];
    const where = s.id ? `step \`${s.id}\`` : `${s.list}[${s.index}]`;
    let steps: ReadonlySet<string> | 'all' = 'all';
    if (s.id && unique.has(s)) {
      if (s.list === 'steps' && !mainTainted.has(s.id)) steps = mainGraph.guaranteedBefore(s.id);
      if (s.list === 'on_failure' && !failTainted.has(s.id)) steps = new Set([...mainIds, ...failGraph.guaranteedBefore(s.id)]);
    }
    const place: ExpressionPlace = { ...common, where, self: s.id, steps, itemNames: new Set(), secrets: false };
    // A secret in `if` would make the step's outcome an oracle for its value; in foreach.items it would be stored per item.
    if (typeof s.if === 'string') checkBareExpression(ctx, [...base, 'if'], s.if, { ...place, where: `the \`if\` of ${where}` });
    if (s.foreach?.items !== undefined) checkBareExpression(ctx, [...base, 'foreach', 'items'], s.foreach.items, { ...place, where: `the foreach.items of ${where}` });
    if (s.foreach && RESERVED_AS.has(s.foreach.as)) {
      ctx.error(PROBLEM_CODES.invalidValue, [...base, 'foreach', 'as'], `\`${s.foreach.as}\` already means something in expressions; pick another name`);
    }
    const itemNames = s.foreach ? new Set(['item', 'index', s.foreach.as]) : new Set<string>();
    const secretParams = new Set(s.action ? (ctx.catalog.get(s.action)?.secretParams ?? []) : []);
    const withValue = raw.with;
    if (withValue !== null && typeof withValue === 'object' && !Array.isArray(withValue)) {
      // Secrets only in the parameters the action declares as credentials (see secretPlaces).
      for (const [param, value] of Object.entries(withValue)) {
        const secrets = secretParams.has(param);
        checkTemplates(ctx, [...base, 'with', param], value, { ...place, itemNames, secrets, where: `parameter \`${param}\` of ${where}` });
      }
    } else {
      checkTemplates(ctx, [...base, 'with'], withValue, { ...place, itemNames });
    }
  }
  const outputs = doc.outputs;
  if (outputs !== null && typeof outputs === 'object' && !Array.isArray(outputs)) {
    const place: ExpressionPlace = { ...common, where: 'outputs', steps: 'all', itemNames: new Set(), secrets: false };
    for (const [name, value] of Object.entries(outputs)) checkTemplates(ctx, ['outputs', name], value, place);
  }
  if (Array.isArray(doc.outcome)) {
    // Rules run at the end, after every step: any step may be read; the reason is stored, so no secrets.
    const place: ExpressionPlace = { ...common, where: 'outcome rules', steps: 'all', itemNames: new Set(), secrets: false };
    doc.outcome.forEach((rule, i) => {
      if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return;
      if (typeof rule.if === 'string') checkBareExpression(ctx, ['outcome', i, 'if'], rule.if, place);
      checkTemplates(ctx, ['outcome', i, 'reason'], rule.reason, place);
    });
  }
  const triggers = Array.isArray(doc.triggers) ? doc.triggers : [];
  const alertTrigger = triggers.some((t) => t !== null && typeof t === 'object' && !Array.isArray(t) && t.type === 'alert');
  if (readsAlert.value && !alertTrigger) {
    ctx.warn(
      PROBLEM_CODES.alertWithoutTrigger,
      doc.triggers === undefined ? [] : ['triggers'],
      'expressions read `alert`, but no alert trigger starts this playbook, so `alert` is null in every run',
    );
  }
}

/** `retry.on` names codes a step can fail with; a typo would silently turn retries off. */
function checkRetryCodes(ctx: ValidationContext, s: StepView, retry: JsonValue | undefined): void {
  if (retry === null || typeof retry !== 'object' || Array.isArray(retry) || !Array.isArray(retry.on)) return;
  retry.on.forEach((code, j) => {
    if (typeof code !== 'string' || STEP_ERROR_CODES.includes(code)) return;
    const guess = suggest(code, STEP_ERROR_CODES);
    ctx.error(
      PROBLEM_CODES.unknownErrorCode,
      [s.list, s.index, 'retry', 'on', j],
      `no step fails with the code \`${code}\`${guess ? `; did you mean \`${guess}\`?` : ''} (the codes are listed in docs/error-codes.md)`,
    );
  });
}

/** `needs` and `goto` name existing steps of the right list. */
function checkLinks(ctx: ValidationContext, s: StepView, raw: Record<string, JsonValue>, sameList: Set<string>, otherList: Set<string>): void {
  const base: PathSegment[] = [s.list, s.index];
  const needsPath = (j: number): PathSegment[] => (typeof raw.needs === 'string' ? [...base, 'needs'] : [...base, 'needs', j]);
  (s.needs ?? []).forEach((n, j) => {
    if (!isId(n)) return;
    if (n === s.id) ctx.error(PROBLEM_CODES.cycle, needsPath(j), 'a step cannot need itself');
    else if (!sameList.has(n)) ctx.error(PROBLEM_CODES.unknownStep, needsPath(j), unknownStepMessage(n, s.list, sameList, otherList));
  });
  if (s.goto.length > 0 && s.list === 'on_failure') {
    ctx.error(PROBLEM_CODES.invalidValue, [...base, 'on_error'], 'on_failure steps cannot route with goto; use fail or continue');
    return;
  }
  s.goto.forEach((g, j) => {
    if (!isId(g)) return;
    const path = [...base, 'on_error', 'goto', j];
    if (g === s.id) ctx.error(PROBLEM_CODES.cycle, path, 'a step cannot route to itself');
    else if (!sameList.has(g)) ctx.error(PROBLEM_CODES.unknownStep, path, unknownStepMessage(g, s.list, sameList, otherList));
  });
}

function unknownStepMessage(id: string, list: string, sameList: Set<string>, otherList: Set<string>): string {
  if (otherList.has(id)) {
    return list === 'steps'
      ? `\`${id}\` is an on_failure step; steps cannot wait for or route to it`
      : `\`${id}\` is a main step; on_failure steps can only wait for other on_failure steps (they may read steps.${id} anyway)`;
  }
  const guess = suggest(id, sameList);
  return `there is no step \`${id}\`${guess ? `; did you mean \`${guess}\`?` : ''}`;
}

/** Reports cycles; returns the ids of the steps on them (self-loops included). */
function reportCycles(ctx: ValidationContext, graph: StepGraph, views: StepView[]): Set<string> {
  const all = graph.cycles();
  const cycles = all.filter((c) => c.length > 2); // self-loops are reported by checkLinks
  for (const cycle of cycles) {
    const at = views.find((v) => v.id === cycle[0]);
    if (!at) continue;
    ctx.error(
      PROBLEM_CODES.cycle,
      [at.list, at.index, 'id'],
      `steps ${cycle.map((id) => `\`${id}\``).join(' → ')} wait for each other, so none can start (needs and goto must not form a loop)`,
    );
  }
  return new Set(all.flat());
}

function reportUnreachable(ctx: ValidationContext, graph: StepGraph, views: StepView[]): void {
  const unreachable = graph.unreachable();
  const ids = new Set(unreachable.map((u) => u.id));
  for (const { id, handler } of unreachable) {
    // Report where it starts; steps after an unreachable step are unreachable for the same reason.
    if ((graph.needs.get(id) ?? []).some((n) => ids.has(n))) continue;
    const at = views.find((v) => v.id === id)!;
    ctx.error(
      PROBLEM_CODES.unreachableStep,
      [at.list, at.index, 'id'],
      `step \`${id}\` can never start: it waits for handler \`${handler}\` and for the step(s) routing to it, but a routing step that fails skips its dependants`,
    );
  }
}
