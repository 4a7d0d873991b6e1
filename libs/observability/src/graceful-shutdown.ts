/**
 * SIGTERM/SIGINT: close the application (stop taking work, let what runs finish, close
 * connections) and exit 0. Nest's own shutdown hooks re-raise the signal after closing, which makes
 * a clean stop look like a crash to supervisors.
 */
export function exitCleanlyOnSignals(close: () => Promise<void>, log: (message: string) => void = () => undefined): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      log(`${signal} received: finishing work in progress, then exiting`);
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}
