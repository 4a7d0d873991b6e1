import type { ActionHandler } from '@soar/contracts';
import type { ApprovalStore } from '../ports/approval-store';
import type { ChildRuns } from '../ports/child-runs';
import { systemClock, type Clock } from '../ports/clock';
import { approvalHandler } from './approval.handler';
import { failHandler, setHandler, waitHandler } from './simple.handlers';
import { subPlaybookHandler } from './sub-playbook.handler';

/** Handlers of the `core.*` actions the engine owns (core.webhook does HTTP and lives in the worker). */
export function createCoreHandlers(deps: { approvals: ApprovalStore; children: ChildRuns; clock?: Clock }): Map<string, ActionHandler> {
  const clock = deps.clock ?? systemClock;
  return new Map<string, ActionHandler>([
    ['core.set', setHandler],
    ['core.fail', failHandler],
    ['core.wait', waitHandler(clock)],
    ['core.approval', approvalHandler(deps.approvals, clock)],
    ['core.playbook', subPlaybookHandler(deps.children)],
  ]);
}
