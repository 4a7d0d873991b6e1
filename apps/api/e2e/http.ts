/** Minimal JSON-over-HTTP helpers for the end-to-end tests (real HTTP through Node's fetch). */
export async function http(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const isText = typeof body === 'string';
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': isText ? 'application/yaml' : 'application/json' }), ...headers },
    body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text, headers: res.headers };
}
