import type { IncomingMessage } from 'node:http';

/** Guards memory: the largest real payload (500 indicators) is far below this. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type ParsedBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'invalid-json'; raw: string };

export function parseJsonBody(raw: string): ParsedBody {
  if (raw.trim() === '') return { kind: 'none' };
  try {
    return { kind: 'json', value: JSON.parse(raw) as unknown };
  } catch {
    return { kind: 'invalid-json', raw };
  }
}

export function parseFormBody(raw: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(raw));
}
