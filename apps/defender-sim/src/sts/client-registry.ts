import type { SimClient } from '../options';

/** App registrations of the simulated tenant, keyed by client id (case-insensitive, like GUIDs). */
export class ClientRegistry {
  private readonly clients = new Map<string, SimClient>();

  constructor(initial: SimClient[]) {
    for (const c of initial) this.register(c);
  }

  register(client: SimClient): void {
    this.clients.set(client.clientId.toLowerCase(), { ...client, roles: [...client.roles], ...(client.delegatedScopes ? { delegatedScopes: [...client.delegatedScopes] } : {}) });
  }

  get(clientId: string): SimClient | undefined {
    return this.clients.get(clientId.toLowerCase());
  }

  displayName(clientId: string): string {
    return this.get(clientId)?.displayName ?? clientId;
  }
}
