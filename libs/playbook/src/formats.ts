import type { InputFormat } from './model';

/**
 * Semantic formats of indicator-like values, shared by run-input checks and the expression
 * functions (`is_ip`, `hash_type`, ...). Pure string checks: no DNS, no network.
 */

const HEX = /^[0-9a-fA-F]+$/;

/** `sha1`, `sha256` or `md5` by length when the value is hexadecimal, else null. */
export function hashType(value: string): 'sha1' | 'sha256' | 'md5' | null {
  if (!HEX.test(value)) return null;
  switch (value.length) {
    case 32:
      return 'md5';
    case 40:
      return 'sha1';
    case 64:
      return 'sha256';
    default:
      return null;
  }
}

export function isIpv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

export function isIpv6(value: string): boolean {
  if (value.length > 45 || !/^[0-9a-fA-F:.]+$/.test(value)) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...tail];
  // An embedded IPv4 address (::ffff:1.2.3.4) counts as two groups and must come last.
  let count = all.length;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (g.includes('.')) {
      if (i !== all.length - 1 || !isIpv4(g)) return false;
      count++;
    } else if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return false;
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}

export const isIp = (value: string): boolean => isIpv4(value) || isIpv6(value);

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A DNS host name: one or more labels (NetBIOS-style single labels such as DESKTOP-01 included). */
export function isHostname(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  return name.length > 0 && name.length <= 253 && name.split('.').every((l) => LABEL.test(l));
}

/** A registrable-looking domain: at least two labels, the last one alphabetic (or punycode). */
export function isDomain(value: string): boolean {
  if (!isHostname(value)) return false;
  const labels = value.replace(/\.$/, '').split('.');
  const tld = labels[labels.length - 1];
  return labels.length >= 2 && (/^[a-z]{2,63}$/i.test(tld) || /^xn--[a-z0-9-]{1,59}$/i.test(tld));
}

/** An absolute http(s) URL with a host. */
export function isUrl(value: string): boolean {
  if (value.length > 2048 || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const isMachineId = (value: string): boolean => value.length === 40 && HEX.test(value);

/** Defender alert ids look like `da637472900382838869_1364969609` (prefix, digits, `_`, signed number). */
export const isAlertId = (value: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_-]{2,199}$/.test(value);

const CHECKS: Record<InputFormat, { test: (v: string) => boolean; describe: string }> = {
  machine_id: { test: isMachineId, describe: 'a Defender machine id (40 hexadecimal characters)' },
  alert_id: { test: isAlertId, describe: 'a Defender alert id such as da637472900382838869_1364969609' },
  sha1: { test: (v) => hashType(v) === 'sha1', describe: 'a SHA-1 hash (40 hexadecimal characters)' },
  sha256: { test: (v) => hashType(v) === 'sha256', describe: 'a SHA-256 hash (64 hexadecimal characters)' },
  md5: { test: (v) => hashType(v) === 'md5', describe: 'an MD5 hash (32 hexadecimal characters)' },
  ip: { test: isIp, describe: 'an IPv4 or IPv6 address' },
  url: { test: isUrl, describe: 'an http:// or https:// URL' },
  domain: { test: isDomain, describe: 'a domain name such as contoso.com' },
  hostname: { test: isHostname, describe: 'a host name such as desktop-01 or desktop-01.contoso.com' },
};

/** Undefined when `value` has the format, else what was expected (for a message). */
export function checkFormat(format: InputFormat, value: string): string | undefined {
  const check = CHECKS[format];
  return check.test(value) ? undefined : `must be ${check.describe}`;
}
