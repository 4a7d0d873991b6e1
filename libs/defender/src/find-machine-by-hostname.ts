import { DEFENDER_ERROR_CODES } from '@soar/contracts';
import { DefenderApiError } from './defender-api.error';
import type { DefenderClient } from './defender.client';
import type { Machine } from './defender.types';
import { odataString } from './odata';

const MAX_CANDIDATES_NAMED = 10;

/**
 * Resolves a hostname to exactly one machine (see DefenderClient.findMachineByHostname). The server
 * filter (`startswith`) only narrows the search; matching is done here, on whole names, so
 * `web1` never matches `web10.contoso.com`. Every result page is read.
 */
export async function findMachineByHostname(client: DefenderClient, input: string): Promise<Machine> {
  const name = input.trim().replace(/\.$/, '').toLowerCase();
  if (!name || /['\s]/.test(name)) {
    throw new DefenderApiError({ code: DEFENDER_ERROR_CODES.invalidParams, message: `"${input}" is not a hostname`, retryable: false });
  }
  const candidates = await prefixCandidates(client, name, input.trim());
  const dnsName = (m: Machine) => (m.computerDnsName ?? '').toLowerCase();

  const exact = candidates.filter((m) => dnsName(m) === name);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) throw ambiguous(input, exact);

  if (!name.includes('.')) {
    const short = candidates.filter((m) => dnsName(m).split('.')[0] === name);
    if (short.length === 1) return short[0]!;
    if (short.length > 1) throw ambiguous(input, short);
  }
  throw new DefenderApiError({
    code: DEFENDER_ERROR_CODES.machineNotFound,
    message: `No Defender machine is named "${input}"${candidates.length ? ` (machines starting with it: ${describe(candidates)})` : ''}`,
    retryable: false,
  });
}

async function prefixCandidates(client: DefenderClient, lower: string, original: string): Promise<Machine[]> {
  const query = (prefix: string) => client.listMachines({ filter: `startswith(computerDnsName,${odataString(prefix)})` });
  const found = await query(lower);
  // Defender stores DNS names in lower case, but a case-sensitive server filter would miss others.
  if (found.length === 0 && original !== lower) return query(original);
  return found;
}

function ambiguous(input: string, machines: Machine[]): DefenderApiError {
  return new DefenderApiError({
    code: DEFENDER_ERROR_CODES.machineAmbiguous,
    message: `${machines.length} Defender machines match "${input}": ${describe(machines)}; use the machine id`,
    retryable: false,
  });
}

function describe(machines: Machine[]): string {
  const named = machines
    .slice(0, MAX_CANDIDATES_NAMED)
    .map((m) => `${m.computerDnsName ?? '?'} (${m.id}${m.lastSeen ? `, last seen ${String(m.lastSeen)}` : ''})`);
  return named.join(', ') + (machines.length > MAX_CANDIDATES_NAMED ? `, and ${machines.length - MAX_CANDIDATES_NAMED} more` : '');
}
