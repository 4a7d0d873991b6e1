import { buildChaosPlan, CHAOS_MACHINE_KEYS, faultRule } from './chaos-plan';
import { createPrng } from './prng';

describe('chaos plan', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(buildChaosPlan({ seed: 's1', runs: 60 })).toEqual(buildChaosPlan({ seed: 's1', runs: 60 }));
    expect(buildChaosPlan({ seed: 's2', runs: 60 })).not.toEqual(buildChaosPlan({ seed: 's1', runs: 60 }));
    expect(createPrng(7).next()).toBe(createPrng('7').next());
  });

  it.each([1, 6, 40, 300])('with %i runs: balanced machines, at least one forced Failed and TimeOut, kills, one Redis restart', (runs) => {
    const plan = buildChaosPlan({ seed: 'soar-chaos-1', runs });
    expect(plan.runs.map((r) => r.index)).toEqual(Array.from({ length: runs }, (_, i) => i));
    const perMachine = CHAOS_MACHINE_KEYS.map((m) => plan.runs.filter((r) => r.machine === m).length);
    expect(Math.max(...perMachine) - Math.min(...perMachine)).toBeLessThanOrEqual(1);
    expect(plan.runs.filter((r) => r.redisRestart)).toHaveLength(1);
    if (runs >= 6) {
      expect(plan.runs.some((r) => r.forced === 'Failed')).toBe(true);
      expect(plan.runs.some((r) => r.forced === 'TimeOut')).toBe(true);
      expect(plan.runs.filter((r) => r.kill).length).toBeGreaterThanOrEqual(2);
    }
    for (const fault of plan.runs.flatMap((r) => r.faults)) expect(faultRule(fault).fault.type).toBeDefined();
  });
});
