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
  if (exact.length > 1) return pickDuplicate(input, exact);

  if (!name.includes('.')) {
    const short = candidates.filter((m) => dnsName(m).split('.')[0] === name);
    if (short.length === 1) return short[0]!;
    // Several records of one device (same full name, e.g. re-onboarded) are duplicates; different
    // full names sharing a short name are different machines, so the name is ambiguous.
    if (short.length > 1 && new Set(short.map(dnsName)).size === 1) return pickDuplicate(input, short);
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

/**
 * Defender keeps a record per onboarding, so one device can have several records with one name
 * (REFERENCE §4.1 `isPotentialDuplication`, `mergedIntoMachineId`). The live one is the Active
 * record seen most recently; the choice and the other records are reported on the output.
 */
function pickDuplicate(input: string, records: Machine[]): Machine {
  const seen = (m: Machine) => Date.parse(String(m.lastSeen ?? '')) || 0;
  const active = records.filter((m) => m.healthStatus === 'Active');
  const pool = active.length ? active : records;
  const chosen = [...pool].sort((a, b) => seen(b) - seen(a))[0]!;
  const others = records.filter((m) => m !== chosen);
  const why = active.length ? 'the Active record seen most recently' : 'none is Active; the record seen most recently';
  return {
    ...chosen,
    resolution: `${records.length} Defender machines are named "${input}"; picked ${chosen.id} (${why}, last seen ${String(chosen.lastSeen ?? 'unknown')}); others: ${describe(others)}`,
    duplicates: others.map((m) => ({ id: m.id, healthStatus: m.healthStatus ?? null, lastSeen: m.lastSeen ?? null })),
  };
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
