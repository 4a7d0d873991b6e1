import { odataResponse, type SimResponse } from '../http/sim-response';
import type { ApiContext } from './api-route';

/** Single entity: its fields plus `@odata.context` ending `#<Set>/$entity` (REFERENCE §2). */
export function entityResponse(ctx: ApiContext, setName: string, entity: object, status = 200): SimResponse {
  return odataResponse(status, { '@odata.context': `${ctx.sim.urls.apiBaseUrl}/api/$metadata#${setName}/$entity`, ...entity });
}

/** Small, unpaged collection (related entities). */
export function valuesResponse(ctx: ApiContext, setName: string, values: unknown[]): SimResponse {
  return odataResponse(200, { '@odata.context': `${ctx.sim.urls.apiBaseUrl}/api/$metadata#${setName}`, value: values });
}

/** `$count` segments answer a bare number (REFERENCE §2). */
export function countResponse(count: number): SimResponse {
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'odata-version': '4.0' }, body: String(count) };
}
