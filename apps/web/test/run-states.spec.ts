import { RUN_OUTCOMES as CONTRACT_OUTCOMES, RUN_STATUSES as CONTRACT_STATUSES, TERMINAL_RUN_STATUSES } from '@soar/contracts';
import { ACTIVE_RUN_STATUSES, RUN_OUTCOMES, RUN_STATUSES } from '../src/api/run-states';

// The console keeps its own copies of these lists (see run-states.ts); the filters on the runs page
// and the live/finished switch of the run page would silently go wrong if they drifted.
describe('the console’s run states', () => {
  it('offers exactly the contract’s run statuses, in its order', () => {
    expect([...RUN_STATUSES]).toEqual([...CONTRACT_STATUSES]);
  });

  it('offers exactly the contract’s run outcomes, in its order', () => {
    expect([...RUN_OUTCOMES]).toEqual([...CONTRACT_OUTCOMES]);
  });

  it('treats as active exactly the statuses the contract does not call terminal', () => {
    expect([...ACTIVE_RUN_STATUSES]).toEqual(CONTRACT_STATUSES.filter((s) => !TERMINAL_RUN_STATUSES.includes(s)));
  });
});
