import { z } from 'zod';
import { machineActionOptionsShape, machineActionResultSchema, machineIdSchema, sha1Schema } from '@soar/contracts';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { commentSchema, machineActionUnit } from './machine-action-unit';

export const machineStopAndQuarantineFile = machineActionUnit({
  name: 'defender.machine.stop_and_quarantine_file',
  title: 'Stop and quarantine file',
  description: 'Stops processes running the file (by SHA-1) on the machine, quarantines it, and waits until Defender reports it done.',
  params: z.strictObject({ machine_id: machineIdSchema, comment: commentSchema, sha1: sha1Schema, ...machineActionOptionsShape }),
  output: machineActionResultSchema,
  permissions: DEFENDER_PERMISSIONS.stopAndQuarantine,
  alsoNeeds: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: true,
  request: (p) => ({
    type: 'StopAndQuarantineFile',
    describe: `stop and quarantine of file ${p.sha1}`,
    matches: (a) => {
      const info = (a as Record<string, unknown>).relatedFileInfo as { fileIdentifier?: string } | null | undefined;
      return typeof info?.fileIdentifier === 'string' && info.fileIdentifier.toLowerCase() === p.sha1.toLowerCase();
    },
    send: (c, comment) => c.stopAndQuarantineFile(p.machine_id, { comment, sha1: p.sha1 }),
  }),
});
