import { DEFENDER_ERROR_CODES } from '@soar/contracts';
import { DefenderApiError } from '../../defender-api.error';
import type { FinishMachineAction, MachineActionFlow } from '../../handlers/machine-action.flow';
import { done } from '../defender-action';

/** Package link once the collection Succeeded; Defender's 404 for a short while after is waited out. */
export function packageFinish(flow: MachineActionFlow): FinishMachineAction {
  return async (client, action, state) => {
    if (action.type !== 'CollectInvestigationPackage') {
      throw new DefenderApiError({
        code: DEFENDER_ERROR_CODES.invalidParams,
        message: `Machine action ${action.id} is a ${action.type} action, not an investigation package collection`,
        retryable: false,
      });
    }
    try {
      return done({ machine_action_id: action.id, url: await client.getInvestigationPackageUri(action.id) });
    } catch (error) {
      // Defender answers 404 for a short while after the collection reports Succeeded.
      if (error instanceof DefenderApiError && error.code === DEFENDER_ERROR_CODES.notFound) return flow.waitForLink(action, state);
      throw error;
    }
  };
}
