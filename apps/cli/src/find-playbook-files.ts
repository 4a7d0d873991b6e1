import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './cli-error';

const PLAYBOOK_EXTENSIONS = ['.yaml', '.yml'];
/** Never playbooks, and large: searching them would only slow `soar lint .` down. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);

/**
 * The playbook files named by the command line: files as given (whatever their extension), and
 * every *.yaml / *.yml below each directory (skipping dot-directories and node_modules), sorted.
 * Paths keep the form the user typed so problems print as paths the user recognizes. A path that
 * does not exist is an error.
 */
export function findPlaybookFiles(targets: readonly string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = path.resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  for (const target of targets) {
    let stats;
    try {
      stats = statSync(target);
    } catch {
      throw new CliError(`${target}: no such file or directory`);
    }
    if (stats.isDirectory()) walk(target, add);
    else add(target);
  }
  return files;
}

function walk(dir: string, add: (file: string) => void): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) walk(full, add);
    } else if (PLAYBOOK_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) && isFile(full)) {
      add(full);
    }
  }
}

/** Follows symlinks, so a linked playbook counts and a dangling link is skipped. */
function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
