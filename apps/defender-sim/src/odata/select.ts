import { odataError } from '../http/api-error';

/**
 * `$select` as community clients use it on machines and machine actions (REFERENCE §2,
 * UNCONFIRMED as documented API): keeps only the named top-level properties.
 */
export function selectProjection(query: URLSearchParams): (item: unknown) => unknown {
  const raw = query.get('$select');
  if (raw === null || raw.trim() === '') return (item) => item;
  const names = raw.split(',').map((s) => s.trim());
  return (item) => {
    const source = item as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const name of names) {
      if (!(name in source)) throw odataError(`Could not find a property named '${name}' to select.`);
      result[name] = source[name];
    }
    return result;
  };
}
