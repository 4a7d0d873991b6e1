import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { AddressPolicy } from './address-policy';

/** Thrown (through undici) when every address a name resolves to is refused. */
export class AddressRefusedError extends Error {
  constructor(
    readonly hostname: string,
    readonly reason: string,
  ) {
    super(`${hostname} resolves to ${reason}, which webhooks may not call`);
    this.name = 'AddressRefusedError';
  }
}

export type Resolver = (hostname: string, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

export const systemResolver: Resolver = (hostname, callback) => dnsLookup(hostname, { all: true, verbatim: true }, callback);

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect (undici's `connect.lookup`) that resolves once, checks the
 * answer against the policy and hands exactly the checked addresses to the socket. The address
 * is thereby pinned: no second resolution happens between the check and the connection, so DNS
 * rebinding cannot swap in a private address. If any address is refused, the name is refused.
 */
export function pinnedLookup(policy: AddressPolicy, resolve: Resolver = systemResolver) {
  return (hostname: string, options: { all?: boolean } | number | undefined, callback: LookupCallback): void => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.map((a) => policy.refusal(hostname, a.address)).find((r) => r !== undefined);
      if (refused || addresses.length === 0) return callback(new AddressRefusedError(hostname, refused ?? 'no address'), []);
      if (typeof options === 'object' && options?.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
