import { HTTP_ROUTES, type HttpRouteId } from '@soar/contracts';

export interface ContractAnswer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A string is sent as YAML, anything else as JSON (unless contentType says otherwise). */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * Calls routes of the API by their contract id and checks every answer against the contract: the
 * status must be declared for the route and the body must match that status's schema (each event's
 * data, for server-sent events). Remembers which routes answered with a success.
 */
export class ContractClient {
  readonly succeeded = new Set<HttpRouteId>();

  constructor(private readonly origin: string) {}

  async call(id: HttpRouteId, options: CallOptions = {}): Promise<ContractAnswer> {
    const route = HTTP_ROUTES[id];
    const path = route.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(options.params?.[key] ?? `<missing ${key}>`));
    const url = `${this.origin}${path}${options.query ? `?${new URLSearchParams(options.query)}` : ''}`;
    const isText = typeof options.body === 'string';
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = options.contentType ?? (isText ? 'application/yaml' : 'application/json');
    const res = await fetch(url, {
      method: route.method.toUpperCase(),
      headers,
      body: options.body === undefined ? undefined : isText ? (options.body as string) : JSON.stringify(options.body),
    });
    const text = await res.text();
    const spec = (route.responses as Record<number, { contentType?: string; schema?: any }>)[res.status];
    if (!spec) throw new Error(`${id} answered ${res.status}, which its contract does not declare: ${text.slice(0, 500)}`);
    const body = this.check(id, res.status, spec, text, res.headers);
    if (res.status < 300) this.succeeded.add(id);
    return { status: res.status, body, text, headers: res.headers };
  }

  private check(id: string, status: number, spec: { contentType?: string; schema?: any }, text: string, headers: Headers): unknown {
    const where = `${id} ${status}`;
    if (!spec.contentType) {
      if (text !== '') throw new Error(`${where}: expected no body, got ${text.slice(0, 200)}`);
      return undefined;
    }
    const contentType = headers.get('content-type') ?? '';
    if (!contentType.startsWith(spec.contentType)) throw new Error(`${where}: content type ${contentType}, contract says ${spec.contentType}`);
    if (spec.contentType === 'text/event-stream') {
      const events = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!));
      events.forEach((event, i) => expectMatches(spec.schema, event, `${where} event ${i}`));
      return events;
    }
    const body = spec.contentType.includes('json') ? JSON.parse(text) : text;
    expectMatches(spec.schema, body, where);
    return body;
  }
}

function expectMatches(schema: any, value: unknown, where: string): void {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i: any) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${where}: the answer does not match the contract: ${issues}\n${JSON.stringify(value).slice(0, 1000)}`);
  }
}
