import { runCli } from './cli';
import { EXIT_CODES } from './exit-codes';

// Entry point of `soar` (bin/soar.js). Sets exitCode rather than calling process.exit so piped
// output is flushed before the process ends.
runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug, not an expected failure: show everything.
    console.error('soar: internal error:', error);
    process.exitCode = EXIT_CODES.error;
  },
);
