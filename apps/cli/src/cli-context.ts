/** What a command may touch of its process, so tests can run commands in-process. */
export interface CliContext {
  /** Writes one line to stdout (results: problems, versions, run progress). */
  out(line: string): void;
  /** Writes one line to stderr (errors and hints). */
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
}
