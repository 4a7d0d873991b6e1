import type { ServerResponse } from 'node:http';
import type { SimResponse } from './sim-response';

export function writeResponse(res: ServerResponse, response: SimResponse): void {
  const body = response.body ?? '';
  res.writeHead(response.status, { ...response.headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
