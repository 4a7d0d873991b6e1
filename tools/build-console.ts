/**
 * Builds the web console (apps/web → apps/web/dist) when the build is missing or stale, so
 * `npm start` and the browser tests always serve the console of the checked-out source.
 * Staleness is decided by a hash of the sources (not mtimes, which a fresh clone resets).
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(__dirname, '..');
const dist = path.join(repo, 'apps/web/dist');
const stampFile = path.join(dist, '.source-hash');
/** What the bundle is made of: the app, the playbook rules it imports, the lock file. */
const SOURCES = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.mts', 'libs/playbook/src', 'package-lock.json'];

function files(entry: string): string[] {
  const full = path.join(repo, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(path.join(entry, name)));
}

export function consoleSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(files)) hash.update(file).update('\0').update(readFileSync(path.join(repo, file))).update('\0');
  return hash.digest('hex');
}

export function consoleBuildIsCurrent(): boolean {
  return existsSync(path.join(dist, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === consoleSourceHash();
}

/** Runs `vite build` in a child process (Vite is ESM; the rest of the tooling is CommonJS). */
export async function ensureConsoleBuilt(log: (line: string) => void = console.log): Promise<'current' | 'built'> {
  if (consoleBuildIsCurrent()) return 'current';
  log('Building the web console (apps/web)…');
  const hash = consoleSourceHash();
  const vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [repo] })), 'bin/vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], {
      cwd: repo,
      stdio: ['ignore', 'inherit', 'inherit'],
      // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building the web console failed (vite exited ${code})`))));
  });
  writeFileSync(stampFile, hash);
  return 'built';
}

if (require.main === module) {
  ensureConsoleBuilt().then(
    (result) => console.log(result === 'current' ? 'The web console build is up to date.' : `Built the web console into ${path.relative(repo, dist)}.`),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
