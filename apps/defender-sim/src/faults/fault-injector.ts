import { z } from 'zod';

export const faultSpecSchema = z.discriminatedUnion('type', [
  // retryAfterSeconds: null = send no Retry-After header (REFERENCE §9.2: presence UNCONFIRMED).
  z.strictObject({ type: z.literal('429'), retryAfterSeconds: z.number().int().nonnegative().nullable().optional() }),
  z.strictObject({ type: z.literal('500') }),
  // Defender's 404 (e.g. a download link that never becomes available); `count` makes it persist.
  z.strictObject({ type: z.literal('404') }),
  // 400 ActiveRequestAlreadyExists without any visible pending action: e.g. a live response session
  // opened from the portal, which GET machineactions does not list (REFERENCE §5.2).
  z.strictObject({ type: z.literal('active-request') }),
  z.strictObject({ type: z.literal('latency'), ms: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('drop-after-perform') }),
  z.strictObject({ type: z.literal('reset-before-perform') }),
]);
export type FaultSpec = z.infer<typeof faultSpecSchema>;

export const faultRuleSchema = z.strictObject({
  match: z.strictObject({ method: z.string().optional(), path: z.string().optional() }).default({}),
  count: z.number().int().positive().default(1),
  fault: faultSpecSchema,
});
export type FaultRuleInput = z.infer<typeof faultRuleSchema>;

interface FaultRule {
  id: number;
  method: string | undefined;
  path: RegExp | undefined;
  remaining: number;
  fault: FaultSpec;
}

/** Next-N-matching-requests faults, set through the control API. First matching rule wins. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(input: FaultRuleInput): number {
    const id = this.nextId++;
    this.rules.push({ id, method: input.match.method?.toUpperCase(), path: input.match.path ? new RegExp(input.match.path) : undefined, remaining: input.count, fault: input.fault });
    return id;
  }

  clear(): void {
    this.rules = [];
  }

  list(): { id: number; match: { method?: string; path?: string }; remaining: number; fault: FaultSpec }[] {
    return this.rules.map((r) => ({ id: r.id, match: { method: r.method, path: r.path?.source }, remaining: r.remaining, fault: r.fault }));
  }

  take(method: string, path: string): FaultSpec | null {
    const index = this.rules.findIndex((r) => (!r.method || r.method === method.toUpperCase()) && (!r.path || r.path.test(path)));
    if (index < 0) return null;
    const rule = this.rules[index]!;
    if (--rule.remaining <= 0) this.rules.splice(index, 1);
    return rule.fault;
  }
}
