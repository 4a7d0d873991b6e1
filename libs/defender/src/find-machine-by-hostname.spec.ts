import type { DefenderClient } from './defender.client';
import type { ListOptions, Machine } from './defender.types';
import { findMachineByHostname } from './find-machine-by-hostname';

/**
 * Name matching against machine sets the simulator cannot hold (duplicate names). The fake only
 * stands in for DefenderClient.listMachines and applies the prefix filter like Defender would.
 */
function fakeClient(machines: Machine[]): DefenderClient {
  return {
    listMachines: async (options: ListOptions = {}) => {
      const prefix = /startswith\(computerDnsName,'(.*)'\)/.exec(options.filter ?? '')?.[1] ?? '';
      return machines.filter((m) => (m.computerDnsName ?? '').startsWith(prefix));
    },
  } as unknown as DefenderClient;
}

const m = (id: string, computerDnsName: string): Machine => ({ id: id.repeat(40).slice(0, 40), computerDnsName });

describe('findMachineByHostname (matching rules)', () => {
  it('picks the Active record seen most recently when one device has several records with its name, and says so', async () => {
    const rec = (id: string, healthStatus: string, lastSeen: string): Machine => ({ ...m(id, 'web1.contoso.com'), healthStatus, lastSeen });
    const client = fakeClient([rec('a', 'Inactive', '2026-11-30T10:00:00Z'), rec('b', 'Active', '2026-11-20T10:00:00Z'), rec('d', 'Active', '2026-11-29T10:00:00Z'), m('c', 'web10.contoso.com')]);
    const found = (await findMachineByHostname(client, 'web1')) as Machine & { resolution: string; duplicates: { id: string }[] };
    expect(found.id).toBe('d'.repeat(40));
    expect(found.resolution).toContain('3 Defender machines are named "web1"; picked ' + 'd'.repeat(40) + ' (the Active record seen most recently');
    expect(found.duplicates.map((x) => x.id)).toEqual(['a'.repeat(40), 'b'.repeat(40)]);
  });

  it('refuses a short name shared by machines in different domains', async () => {
    const client = fakeClient([m('a', 'web1.contoso.com'), m('b', 'web1.fabrikam.com')]);
    await expect(findMachineByHostname(client, 'web1')).rejects.toMatchObject({ code: 'DEFENDER_MACHINE_AMBIGUOUS', retryable: false });
    expect((await findMachineByHostname(client, 'web1.fabrikam.com')).id).toBe('b'.repeat(40));
  });

  it('prefers an exact match over short-name matches', async () => {
    const client = fakeClient([m('a', 'web1'), m('b', 'web1.contoso.com')]);
    expect((await findMachineByHostname(client, 'WEB1')).id).toBe('a'.repeat(40));
  });

  it('never matches by substring', async () => {
    const client = fakeClient([m('a', 'web10.contoso.com'), m('b', 'web1-old.contoso.com')]);
    await expect(findMachineByHostname(client, 'web1')).rejects.toMatchObject({ code: 'DEFENDER_MACHINE_NOT_FOUND' });
  });

  it('rejects names that would break the filter', async () => {
    await expect(findMachineByHostname(fakeClient([]), "x') or true or ('")).rejects.toMatchObject({ code: 'DEFENDER_INVALID_PARAMS' });
  });
});
