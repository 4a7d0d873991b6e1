import { Agent, request } from 'undici';

/** One request the fuzzer sends. Generic so JSON bodies, query strings and headers can be added as more case generators. */
export interface FuzzCase {
  /** What was mutated, for the report (e.g. `playbook#17 insert-token`). */
  label: string;
  method: string;
  /** Path and query, e.g. `/api/playbooks`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface FuzzReport {
  sent: number;
  /** Answers 500 or above, with what caused them. */
  serverErrors: { label: string; status: number; body: string }[];
  /** Requests without an answer within the timeout. */
  timeouts: string[];
  /** Connection-level failures (the process died or reset the connection). */
  failures: { label: string; error: string }[];
  statuses: Record<number, number>;
}

/**
 * Sends every case to `baseUrl` with a few requests in flight and records what a hostile client
 * cares about: 5xx answers, requests left unanswered, connections the server dropped. A timeout
 * here is an unanswered request (the limit is generous), not a performance measure.
 */
export async function runFuzz(baseUrl: string, cases: Iterable<FuzzCase>, options: { concurrency?: number; timeoutMs?: number } = {}): Promise<FuzzReport> {
  const agent = new Agent({ connections: options.concurrency ?? 4 });
  const timeoutMs = options.timeoutMs ?? 15_000;
  const report: FuzzReport = { sent: 0, serverErrors: [], timeouts: [], failures: [], statuses: {} };
  const iterator = cases[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const c = next.value;
      report.sent++;
      try {
        const res = await request(new URL(c.path, baseUrl), {
          method: c.method as 'POST',
          headers: c.headers,
          body: c.body,
          dispatcher: agent,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const body = await res.body.text();
        report.statuses[res.statusCode] = (report.statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 500) report.serverErrors.push({ label: c.label, status: res.statusCode, body: body.slice(0, 300) });
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') report.timeouts.push(c.label);
        else report.failures.push({ label: c.label, error: `${code} ${(error as Error).message}`.trim() });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  } finally {
    await agent.close();
  }
  return report;
}
