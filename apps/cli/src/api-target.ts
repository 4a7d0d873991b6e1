import { UsageError } from './cli-error';

export const DEFAULT_API_URL = 'http://127.0.0.1:3000/api';

/** Where the API is and how to authenticate; the token is only ever sent, never printed. */
export interface ApiTarget {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:3000/api`. */
  baseUrl: string;
  token?: string;
}

/** `--api` beats `SOAR_API_URL` beats the local default; `--token` beats `SOAR_API_TOKEN`. */
export function resolveApiTarget(
  command: string,
  flags: { api?: string; token?: string },
  env: Readonly<Record<string, string | undefined>>,
): ApiTarget {
  const raw = flags.api || env.SOAR_API_URL || DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(command, `the API URL ${raw} is not a URL (expected e.g. ${DEFAULT_API_URL})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(command, `the API URL ${raw} must start with http:// or https://`);
  }
  if (url.username || url.password) {
    // Credentials in the URL would end up in error messages; API keys go in a header.
    throw new UsageError(command, 'put the API key in SOAR_API_TOKEN or --token, not in the URL');
  }
  const token = flags.token || env.SOAR_API_TOKEN || undefined;
  return { baseUrl: url.href.replace(/\/+$/, ''), ...(token ? { token } : {}) };
}
