import ipaddr from 'ipaddr.js';

/**
 * Which resolved addresses a webhook may connect to. Only public unicast addresses, unless the
 * address is allowed explicitly: by an allow-list entry naming that IP (or `localhost` for the
 * loopback addresses), or by a network in `WEBHOOK_PRIVATE_NETWORKS` (an on-premises ticketing
 * system). Checked on the address the connection actually uses (see pinned-lookup.ts), so a name
 * that resolves to 169.254.169.254 or 127.0.0.1 — now or after a rebinding — is refused.
 */
export class AddressPolicy {
  private readonly networks: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(
    /** Hosts named by allow-list entries, lower case. */
    private readonly allowedHosts: ReadonlySet<string>,
    privateNetworks: readonly string[] = [],
  ) {
    this.networks = privateNetworks.map((cidr) => ipaddr.parseCIDR(cidr));
  }

  /** Parses `WEBHOOK_PRIVATE_NETWORKS`; returns the bad entries. */
  static badNetworks(cidrs: readonly string[]): string[] {
    return cidrs.filter((c) => {
      try {
        ipaddr.parseCIDR(c);
        return false;
      } catch {
        return true;
      }
    });
  }

  /** Undefined when `address` (resolved from `hostname`) may be used; otherwise the kind of address it is. */
  refusal(hostname: string, address: string): string | undefined {
    if (!ipaddr.isValid(address)) return 'not an IP address';
    let ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
    const range = ip.range();
    if (range === 'unicast') return undefined;
    const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    if (this.allowedHosts.has(host) && ipaddr.isValid(host) && ipaddr.parse(host).toNormalizedString() === ip.toNormalizedString()) return undefined;
    if (range === 'loopback' && host === 'localhost' && this.allowedHosts.has('localhost')) return undefined;
    if (this.networks.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) return undefined;
    return `a ${range} address`;
  }
}
