import { readFileSync } from 'node:fs';
import type { Problem } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import { parsePlaybook } from '@soar/playbook';
import { CliError } from './cli-error';

export interface LintedFile {
  file: string;
  /** The exact bytes read, which `soar push` sends unchanged. */
  source: Uint8Array;
  /** The playbook's `name` when the file is valid. */
  name?: string;
  errors: Problem[];
  warnings: Problem[];
}

/** Checks one file exactly as the API checks an upload (same parser, same action catalog). */
export function lintPlaybookFile(file: string): LintedFile {
  let source: Uint8Array;
  try {
    source = readFileSync(file);
  } catch (error) {
    throw new CliError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const result = parsePlaybook(source, { catalog: actionCatalog });
  return result.ok
    ? { file, source, name: result.playbook.name, errors: [], warnings: result.warnings }
    : { file, source, errors: result.problems, warnings: [] };
}
