import { DEFENDER_ERROR_CODES } from '@soar/contracts';
import { z } from 'zod';
import { DefenderApiError } from '../../defender-api.error';
import type { LiveResponseCommand, MachineAction } from '../../defender.types';
import { succeededOutput, type FinishMachineAction } from '../../handlers/machine-action.flow';
import { done } from '../defender-action';

export const liveResponseCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('PutFile'), file_name: z.string().min(1).max(260) }),
  z.strictObject({ type: z.literal('RunScript'), script_name: z.string().min(1).max(260), args: z.string().max(4000).optional() }),
  z.strictObject({ type: z.literal('GetFile'), path: z.string().min(1).max(1024) }),
]);

/** Maps the playbook's command shape to Defender's `{ type, params: [{ key, value }] }`. */
export function liveResponseCommands(commands: z.output<typeof liveResponseCommandSchema>[]): LiveResponseCommand[] {
  return commands.map((c) => {
    switch (c.type) {
      case 'PutFile':
        return { type: 'PutFile', params: [{ key: 'FileName', value: c.file_name }] };
      case 'GetFile':
        return { type: 'GetFile', params: [{ key: 'Path', value: c.path }] };
      case 'RunScript':
        return {
          type: 'RunScript',
          params: [{ key: 'ScriptName', value: c.script_name }, ...(c.args ? [{ key: 'Args', value: c.args }] : [])],
        };
    }
  });
}

/** The commands an existing live response action carries, in our shape, for comparing requests. */
export function sameCommands(action: MachineAction, wanted: LiveResponseCommand[]): boolean {
  const raw = (action as Record<string, unknown>).commands;
  if (!Array.isArray(raw)) return false;
  const theirs = raw.map((c) => (c as { command?: unknown }).command ?? c);
  const norm = (list: unknown[]) => JSON.stringify(list.map((c) => { const x = c as LiveResponseCommand; return { type: x.type, params: (x.params ?? []).map((p) => [p.key, p.value]) }; }));
  return norm(theirs) === norm(wanted);
}

/** Live response output: the action plus a download link per command (null when it has none). */
export const liveResponseFinish: FinishMachineAction = async (client, action, state) => {
  const commands = Array.isArray((action as Record<string, unknown>).commands)
    ? ((action as Record<string, unknown>).commands as Array<{ index?: number; command?: { type?: string } }>)
    : [];
  const results = [];
  for (const [i, c] of commands.entries()) {
    const index = typeof c.index === 'number' ? c.index : i;
    const type = c.command?.type;
    try {
      results.push({ index, ...(type ? { type } : {}), url: await client.getLiveResponseResultLink(action.id, index) });
    } catch (error) {
      if (!(error instanceof DefenderApiError) || error.code !== DEFENDER_ERROR_CODES.notFound) throw error;
      results.push({ index, ...(type ? { type } : {}), url: null });
    }
  }
  return done({ ...succeededOutput(action, state), results });
};
