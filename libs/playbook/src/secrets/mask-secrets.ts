import type { JsonValue } from '@soar/contracts';

export const SECRET_MASK = '***';

/**
 * Shortest secret accepted (the secrets file is refused otherwise). Masking replaces substrings:
 * a 2-character secret would be "found" inside unrelated values (a machine id), corrupting them
 * and revealing the secret by where the `***` lands.
 */
export const MIN_SECRET_LENGTH = 8;

/**
 * Replaces every occurrence of a secret value in the strings of `value` (map keys included) with
 * `***`. Use it on anything that is stored or shown: evaluated parameters, outputs, error
 * messages, logs. Longer secrets are replaced first so one secret containing another is masked
 * whole. Empty secrets are ignored (they would match everywhere).
 *
 * @param secrets secret values by name, or just the values
 */
export function maskSecrets<T extends JsonValue>(value: T, secrets: Readonly<Record<string, string>> | readonly string[]): T {
  const values = (Array.isArray(secrets) ? [...secrets] : Object.values(secrets))
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .sort((a, b) => b.length - a.length);
  if (values.length === 0) return value;
  return mask(value, values) as T;
}

/** `maskSecrets` for one string, e.g. an error message. */
export function maskSecretsInText(text: string, secrets: Readonly<Record<string, string>> | readonly string[]): string {
  return maskSecrets(text, secrets);
}

function maskString(s: string, values: readonly string[]): string {
  let out = s;
  for (const v of values) if (out.includes(v)) out = out.split(v).join(SECRET_MASK);
  return out;
}

function mask(value: JsonValue, values: readonly string[]): JsonValue {
  if (typeof value === 'string') return maskString(value, values);
  if (Array.isArray(value)) return value.map((v) => mask(v, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskString(k, values), mask(v, values)]));
  }
  return value;
}
