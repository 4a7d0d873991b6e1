import type { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import type { SimResponse } from './sim-response';

export function writeResponse(res: ServerResponse, response: SimResponse): void {
  const body = response.body ?? '';
  res.writeHead(response.status, { ...response.headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drops the connection without an answer. A TCP RST where Node can send one; TLS sockets cannot
 * reset (`resetAndDestroy` throws on them), so those are destroyed and the client sees
 * "socket hang up" / ECONNRESET.
 */
export function dropConnection(socket: Socket): void {
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}
