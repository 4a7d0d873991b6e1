import { readApiKey } from './api-key';
import type { ErrorBody, Problem } from './types';

/** A 4xx/5xx answer of the API, with its stable code and located problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Listeners told when the API answers 401, so the app can ask for a key again. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * Where the bearer comes from: the API key kept for this tab, or (Entra sign-in) an access token
 * msal gives, renewed silently before it expires. Set once the sign-in mode is known.
 */
type BearerSource = () => Promise<string | null>;
let bearerSource: BearerSource = () => Promise.resolve(readApiKey());
export const setBearerSource = (source: BearerSource): void => {
  bearerSource = source;
};

export async function authHeaders(): Promise<Record<string, string>> {
  const bearer = await bearerSource();
  return bearer ? { Authorization: `Bearer ${bearer}` } : {};
}

/** Calls the API at the same origin; JSON in and out, errors as ApiError. */
export async function api<T>(path: string, init: { method?: string; json?: unknown; yaml?: string; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(await authHeaders()) };
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.yaml !== undefined) {
    headers['Content-Type'] = 'application/yaml';
    body = init.yaml;
  }
  const response = await fetch(`/api${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, signal: init.signal });
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    if (response.status === 401) unauthorizedListeners.forEach((l) => l());
    const error = (parsed as ErrorBody | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? `the API answered ${response.status}`, error?.problems);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Query-string builder that leaves out empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}
