import { createServer, type Server } from 'node:http';
import { ZodError } from 'zod';
import { ApiError } from '../http/api-error';
import { readBody } from '../http/read-body';
import type { ControlRuntime } from './control-runtime';
import { CONTROL_ROUTES } from './control.routes';

/** Plain-HTTP control API; bound to 127.0.0.1 only because it can rewrite the tenant. */
export async function startControlServer(rt: ControlRuntime, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (status: number, body?: unknown) => {
        const text = body === undefined ? '' : JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
        res.end(text);
      };
      const candidates = CONTROL_ROUTES.filter((r) => r.path === url.pathname.replace(/\/+$/, ''));
      const route = candidates.find((r) => r.method === req.method);
      if (!route) return send(candidates.length ? 405 : 404, { error: `${req.method} ${url.pathname} is not a control endpoint` });
      try {
        const raw = await readBody(req);
        const result = await route.handle({ rt, query: url.searchParams, body: raw.trim() ? (JSON.parse(raw) as unknown) : undefined });
        send(result.status, result.body);
      } catch (error) {
        if (error instanceof ZodError) return send(400, { error: 'invalid body', issues: error.issues });
        if (error instanceof ApiError || error instanceof SyntaxError) return send(400, { error: error.message });
        console.error('[defender-sim] control request failed', error);
        send(500, { error: String(error) });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
}
