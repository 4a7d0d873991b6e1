/** Quotes a string literal for an OData `$filter` ('' escapes a quote). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Encodes one path segment (ids, DNS names, account names). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
