import { z } from 'zod';
import { machineActionOptionsShape, machineActionResultSchema, machineIdSchema } from '@soar/contracts';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { commentSchema, machineActionUnit } from './machine-action-unit';
import { scopeIs } from './machine-state';

export const machineAvScan = machineActionUnit({
  name: 'defender.machine.av_scan',
  title: 'Run antivirus scan',
  description: 'Runs a Microsoft Defender Antivirus scan (Quick or Full) and waits until it finishes.',
  params: z.strictObject({ machine_id: machineIdSchema, comment: commentSchema, scan_type: z.enum(['Quick', 'Full']).default('Quick'), ...machineActionOptionsShape }),
  output: machineActionResultSchema,
  permissions: DEFENDER_PERMISSIONS.scan,
  alsoNeeds: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: true,
  request: (p) => ({
    type: 'RunAntiVirusScan',
    describe: `${p.scan_type} antivirus scan`,
    matches: scopeIs(p.scan_type, null),
    send: (c, comment) => c.runAntivirusScan(p.machine_id, { comment, scanType: p.scan_type }),
  }),
});
