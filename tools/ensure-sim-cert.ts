// `pretest` step: the Defender simulator's self-signed certificate must exist before Jest starts,
// because worker processes read it through NODE_EXTRA_CA_CERTS at startup. Silent on success.
import path from 'node:path';
import { ensureSimulatorCertificate } from '../apps/defender-sim/src/certificate';

const repo = path.resolve(__dirname, '..');

ensureSimulatorCertificate(path.join(repo, '.sim-state')).catch((error: unknown) => {
  console.error('ensure-sim-cert failed:', error);
  process.exit(1);
});
