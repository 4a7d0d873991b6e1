import type { SoarApiClient } from './api-client';

/**
 * What `soar run --follow` prints when a step starts waiting for an approval: the approval's id,
 * who may decide, and the commands that decide it, so the analyst need not look it up.
 */
export async function describeWaitingApproval(client: Pick<SoarApiClient, 'listApprovals'>, runId: string, stepId: string): Promise<string[]> {
  const { items } = await client.listApprovals();
  const approval = items.find((a) => a.runId === runId && a.stepId === stepId);
  if (!approval) return [];
  return [
    `approval ${approval.id} waits for ${approval.approvers.join(', ') || 'an admin'} until ${approval.expiresAt}: ${approval.prompt.replace(/\s*\r?\n\s*/g, ' ')}`,
    `  decide with: soar approve ${approval.id} [--comment TEXT]  or  soar reject ${approval.id} [--comment TEXT]`,
  ];
}
