import type { ActionCatalog } from '@soar/contracts';

/**
 * The one answer to "where may a secret flow?": into the parameters an action declares as
 * credentials (`ActionDefinition.secretParams`), e.g. `core.webhook` `headers`. Returns them as
 * `action.param`, sorted, for messages and docs.
 */
export function secretPlaces(catalog: ActionCatalog): string[] {
  const places: string[] = [];
  for (const action of catalog.values()) for (const param of action.secretParams ?? []) places.push(`${action.name}.${param}`);
  return places.sort();
}

/** "the `headers` of core.webhook", for problem messages. */
export function describeSecretPlaces(places: readonly string[]): string {
  if (places.length === 0) return 'no parameter of any action';
  return places
    .map((p) => {
      const dot = p.lastIndexOf('.');
      return `the \`${p.slice(dot + 1)}\` of ${p.slice(0, dot)}`;
    })
    .join(', ');
}
