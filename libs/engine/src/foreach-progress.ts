import { ENGINE_ERROR_CODES, isTerminalStepStatus, type JsonValue, type StepStatus } from '@soar/contracts';
import type { PlaybookDefinition } from '@soar/playbook';
import type { RunSnapshot, StepSnapshot } from './ports/run-store';
import { foreachItemId } from './step-ref';

export type ForeachMove =
  | { kind: 'queue'; parentId: string; itemIds: string[] }
  | { kind: 'complete'; parentId: string; attempt: number; output: JsonValue[] }
  | { kind: 'fail'; parentId: string; attempt: number; error: JsonValue };

const ACTIVE: readonly StepStatus[] = ['queued', 'running', 'waiting'];

/**
 * What each waiting foreach step needs next (pure): start more items up to its concurrency, or
 * finish it once every item is done — with the items' outputs in item order, or failed when any
 * item failed after its retries.
 */
export function decideForeachMoves(definition: PlaybookDefinition, snapshot: RunSnapshot): ForeachMove[] {
  const rows = new Map(snapshot.steps.map((s) => [s.stepId, s]));
  const moves: ForeachMove[] = [];
  for (const step of definition.steps) {
    const parent = rows.get(step.id);
    if (!step.foreach || !parent || parent.status !== 'waiting' || parent.wait?.reason !== 'foreach') continue;
    const count = ((parent.wait.state as { items?: unknown[] } | null)?.items ?? []).length;
    const items: StepSnapshot[] = [];
    for (let i = 0; i < count; i++) {
      const row = rows.get(foreachItemId(step.id, i));
      if (row) items.push(row);
    }
    if (items.length < count) continue; // rows not all visible yet; the next advance sees them

    if (items.every((i) => isTerminalStepStatus(i.status))) {
      const failed = items.map((item, index) => ({ item, index })).filter(({ item }) => item.status !== 'succeeded');
      moves.push(
        failed.length
          ? {
              kind: 'fail',
              parentId: step.id,
              attempt: parent.attempts,
              error: {
                code: ENGINE_ERROR_CODES.foreachItemFailed,
                message: `${failed.length} of ${count} items did not succeed`,
                items: failed.map(({ item, index }) => ({ index, status: item.status, error: item.error })),
              },
            }
          : { kind: 'complete', parentId: step.id, attempt: parent.attempts, output: items.map((i) => i.output ?? null) },
      );
      continue;
    }
    const active = items.filter((i) => ACTIVE.includes(i.status)).length;
    const room = Math.max(0, step.foreach.concurrency - active);
    const next = items.filter((i) => i.status === 'pending').slice(0, room).map((i) => i.stepId);
    if (next.length) moves.push({ kind: 'queue', parentId: step.id, itemIds: next });
  }
  return moves;
}
