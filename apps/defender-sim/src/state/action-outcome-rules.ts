import type { ActionOutcome, MachineActionType } from './machine-action-record';

export interface ActionOutcomeRule {
  match: { machineId?: string; type?: string };
  outcome: ActionOutcome;
  /** Remaining uses; null = unlimited. */
  remaining: number | null;
}

/** Control-API rules deciding how the next matching machine actions end (default: Succeeded). */
export class ActionOutcomeRules {
  private rules: ActionOutcomeRule[] = [];

  add(rule: ActionOutcomeRule): void {
    this.rules.push(rule);
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly ActionOutcomeRule[] {
    return this.rules;
  }

  /** Consumes the first matching rule, so rules apply in the order they were added. */
  take(machineId: string, type: MachineActionType): ActionOutcome | null {
    const index = this.rules.findIndex(
      (r) => (!r.match.machineId || r.match.machineId.toLowerCase() === machineId.toLowerCase()) && (!r.match.type || r.match.type.toLowerCase() === type.toLowerCase()),
    );
    if (index < 0) return null;
    const rule = this.rules[index]!;
    if (rule.remaining !== null && --rule.remaining <= 0) this.rules.splice(index, 1);
    return rule.outcome;
  }
}
