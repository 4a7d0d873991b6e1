import { Inject, Injectable } from '@nestjs/common';
import type { CancelledRunDto, RerunRunDto } from '@soar/contracts';
import type { RunControl } from '@soar/engine';
import { TOKENS } from '../tokens';
import { runControlCall } from './run-control.call';

/** Cancelling runs and re-running failed ones: HTTP over the engine's run-control use cases. */
@Injectable()
export class RunControlService {
  constructor(@Inject(TOKENS.runControl) private readonly control: RunControl) {}

  /**
   * Ends the run and its active sub-playbook runs as cancelled; Defender machine actions they were
   * waiting for are cancelled in Defender (best effort, reported in the answer).
   */
  async cancel(runId: string, actor: string): Promise<CancelledRunDto> {
    const result = await runControlCall(() => this.control.cancel.execute({ runId, actor }));
    return { id: runId, status: 'cancelled', outcome: 'cancelled', reason: result.reason, subRuns: result.subRuns, stoppedMachineActions: result.stopped };
  }

  /** Continues a failed run from its failed step; earlier attempts stay in the history. */
  async rerun(runId: string, actor: string): Promise<RerunRunDto> {
    const result = await runControlCall(() => this.control.rerun.execute({ runId, actor }));
    return { id: result.runId, status: result.status };
  }
}
