import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { RunningSimulator } from '../options';

export interface SimHttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = any>(): T;
}

/**
 * HTTPS calls to the simulator from inside Jest, trusting its certificate explicitly (Jest's
 * process did not start with NODE_EXTRA_CA_CERTS).
 */
export function simRequest(
  sim: RunningSimulator,
  method: string,
  path: string,
  opts: { token?: string; json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<SimHttpResponse> {
  const url = new URL(path, sim.apiBaseUrl);
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] = 'application/json';
  } else if (opts.form) {
    body = new URLSearchParams(opts.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca: readFileSync(sim.certPath), agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function getToken(sim: RunningSimulator, form: Partial<Record<string, string>> = {}): Promise<string> {
  const res = await simRequest(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, {
    form: {
      grant_type: 'client_credentials',
      client_id: sim.defaultClient.clientId,
      client_secret: sim.defaultClient.clientSecret,
      scope: 'https://api.securitycenter.microsoft.com/.default',
      ...form,
    } as Record<string, string>,
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return res.json<{ access_token: string }>().access_token;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
