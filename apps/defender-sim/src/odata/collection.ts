import { odataError } from '../http/api-error';
import { odataResponse, type SimResponse } from '../http/sim-response';
import { matchesFilter, validateFilter, type FilterFields } from './filter-evaluator';
import { parseFilter } from './filter-parser';
import { encodeSkipToken, readOrderBy, readPageRequest } from './query-options';
import { selectProjection } from './select';

export interface CollectionRequest {
  query: URLSearchParams;
  /** Path as the client sent it, reused in nextLink. */
  requestPath: string;
  baseUrl: string;
  pageSize: number;
}

export interface CollectionSpec<T> {
  setName: string;
  items: readonly T[];
  fields: FilterFields<T>;
  render(item: T): unknown;
  /** $top maximum (REFERENCE §2: 10,000 for the main sets). */
  maxTop?: number;
}

/** Applies $filter, $orderby, $top/$skip and server paging; answers an OData collection. */
export function collectionResponse<T>(req: CollectionRequest, spec: CollectionSpec<T>): SimResponse {
  const matching = applyFilterAndOrder(req.query, spec.items, spec.fields);
  const page = readPageRequest(req.query, spec.maxTop ?? 10_000);
  const size = Math.min(req.pageSize, page.remaining ?? Number.POSITIVE_INFINITY);
  const slice = matching.slice(page.skip, page.skip + size);
  const select = selectProjection(req.query);
  const body: Record<string, unknown> = { '@odata.context': `${req.baseUrl}/api/$metadata#${spec.setName}`, value: slice.map((i) => select(spec.render(i))) };
  const nextSkip = page.skip + slice.length;
  const remaining = page.remaining === null ? null : page.remaining - slice.length;
  if (slice.length > 0 && nextSkip < matching.length && (remaining === null || remaining > 0)) {
    body['@odata.nextLink'] = nextLink(req, encodeSkipToken({ skip: nextSkip, remaining }));
  }
  return odataResponse(200, body);
}

export function applyFilterAndOrder<T>(query: URLSearchParams, items: readonly T[], fields: FilterFields<T>): T[] {
  const filterText = query.get('$filter');
  let result = [...items];
  if (filterText !== null && filterText.trim() !== '') {
    const filter = parseFilter(filterText);
    validateFilter(filter, fields);
    result = result.filter((item) => matchesFilter(filter, item, fields));
  }
  const order = readOrderBy(query);
  for (const o of order) if (!fields[o.property]) throw odataError(`Could not find a property named '${o.property}' to order by.`);
  if (order.length > 0) {
    result.sort((a, b) => {
      for (const o of order) {
        const c = compareValues(fields[o.property]!.get(a), fields[o.property]!.get(b));
        if (c !== 0) return o.descending ? -c : c;
      }
      return 0;
    });
  }
  return result;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

function nextLink(req: CollectionRequest, token: string): string {
  const params = new URLSearchParams(req.query);
  for (const name of ['$top', '$skip', '$skiptoken']) params.delete(name);
  params.set('$skiptoken', token);
  return `${req.baseUrl}${req.requestPath}?${params.toString()}`;
}
