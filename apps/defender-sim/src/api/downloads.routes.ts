import type { PlainRequest, PlainRoute } from '../http/plain-route';
import { emptyResponse, type SimResponse } from '../http/sim-response';
import { signature } from './downloads';

/** An empty but valid zip archive (end-of-central-directory record only). */
const EMPTY_ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);

function authorized(req: PlainRequest, kind: string, path: string): boolean {
  const se = req.query.get('se') ?? '';
  const sig = req.query.get('sig') ?? '';
  return Date.parse(se) > req.sim.now() && sig === signature(req.sim, kind, path, se);
}

const forbidden = (): { response: SimResponse; clientId: null } => ({ response: emptyResponse(403), clientId: null });

/** Targets of the links handed out by getPackageUri and GetLiveResponseResultDownloadLink. */
export const DOWNLOAD_ROUTES: PlainRoute[] = [
  {
    method: 'GET', path: '/sim-downloads/packages/:file',
    handle: (req) => {
      if (!authorized(req, 'packages', req.params.file!)) return forbidden();
      return { response: { status: 200, headers: { 'content-type': 'application/zip' }, body: EMPTY_ZIP }, clientId: null };
    },
  },
  {
    method: 'GET', path: '/sim-downloads/liveresponse/:id/:index',
    handle: (req) => {
      const path = `${req.params.id}/${req.params.index}`;
      if (!authorized(req, 'liveresponse', path)) return forbidden();
      const action = req.sim.store.machineActions.get(req.params.id!);
      const command = action?.commands[Number(req.params.index)];
      if (!action || !command) return { response: emptyResponse(404), clientId: null };
      const scriptName = command.params.find((p) => p.key === 'ScriptName')?.value;
      // RunScript results are the transcript JSON of samples/liveresponse-runscript-transcript.json.
      const body = command.type === 'RunScript'
        ? JSON.stringify({ script_name: scriptName ?? 'script.ps1', exit_code: 0, script_output: `Transcript started\n${scriptName ?? ''} completed on ${action.computerDnsName}\n`, script_errors: '' })
        : `simulated ${command.type} result for ${action.computerDnsName}\n`;
      const contentType = command.type === 'RunScript' ? 'application/json' : 'application/octet-stream';
      return { response: { status: 200, headers: { 'content-type': contentType }, body }, clientId: null };
    },
  },
];
