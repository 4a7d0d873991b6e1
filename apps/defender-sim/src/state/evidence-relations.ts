import { isIP } from 'node:net';
import type { Alert, FileInfo } from './entities';
import type { SimStore } from './store';

/** Files named by File/Process evidence that the tenant knows, without duplicates. */
export function filesOfAlert(store: SimStore, alert: Alert): FileInfo[] {
  const files = new Map<string, FileInfo>();
  for (const e of alert.evidence) {
    if ((e.entityType === 'File' || e.entityType === 'Process') && e.sha1) {
      const f = store.findFile(e.sha1);
      if (f) files.set(f.sha1, f);
    }
  }
  return [...files.values()];
}

export function ipsOfAlert(alert: Alert): string[] {
  const ips = new Set<string>();
  for (const e of alert.evidence) {
    if (e.entityType === 'Ip' && e.ipAddress) ips.add(e.ipAddress);
    const host = e.url ? hostOf(e.url) : null;
    if (host && isIP(host)) ips.add(host);
  }
  return [...ips];
}

export function domainsOfAlert(alert: Alert): string[] {
  const hosts = new Set<string>();
  for (const e of alert.evidence) {
    const host = e.url ? hostOf(e.url) : null;
    if (host && !isIP(host)) hosts.add(host);
  }
  return [...hosts];
}

export function alertMentionsFile(alert: Alert, hash: string): boolean {
  const h = hash.toLowerCase();
  return alert.evidence.some((e) => e.sha1?.toLowerCase() === h || e.sha256?.toLowerCase() === h);
}

export function alertMentionsUser(alert: Alert, accountName: string): boolean {
  const name = accountName.toLowerCase();
  return alert.relatedUser?.userName.toLowerCase() === name || alert.evidence.some((e) => e.accountName?.toLowerCase() === name);
}

export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}
