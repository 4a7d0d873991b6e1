import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type StubAnswer = { status: number; body: unknown };

export interface StubApi {
  /** Base URL as `--api` takes it, e.g. `http://127.0.0.1:PORT/api`. */
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

/**
 * A stand-in for the SOAR API answering with `answer(request)`, for CLI tests of answers the real
 * API gives only in awkward situations (a failed run, a 401, a server-side rejection).
 */
export async function startStubApi(answer: (req: StubRequest) => StubAnswer): Promise<StubApi> {
  const requests: StubRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      requests.push(request);
      const { status, body: json } = answer(request);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local URL nothing listens on (a port just released). */
export async function unusedApiUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api`;
}
