import { EXIT_CODES } from './exit-codes';

/** Ends the command with a one-line message on stderr and exit code 2 (see EXIT_CODES). */
export class CliError extends Error {
  readonly exitCode = EXIT_CODES.error;

  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command line itself is wrong; the message is followed by a pointer to the command's help. */
export class UsageError extends CliError {
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
