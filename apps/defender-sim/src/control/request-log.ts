export interface RequestLogEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, or form fields without secrets; never tokens or secrets. */
  body: unknown;
  /** null when a fault dropped the connection instead of answering. */
  status: number | null;
  clientId: string | null;
  /** Injected fault type, when one applied. */
  fault?: string;
}

/** Bounded so a long load test cannot exhaust memory; `seq` keeps growing across trims. */
const MAX_ENTRIES = 20_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return full;
  }

  /** Entries with `seq` greater than `since`. */
  list(since = 0): RequestLogEntry[] {
    return this.entries.filter((e) => e.seq > since);
  }

  clear(): void {
    this.entries = [];
  }
}
