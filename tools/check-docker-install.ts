/**
 * Runs the Dockerfile's install stage (`deps`) without Docker: copies what the stage copies into a
 * temporary directory and runs its RUN lines there, as `docker build` would (no NODE_ENV set).
 * Then checks the Prisma client was generated and dev tools were pruned. About two minutes.
 *
 *   npm run check:docker-install
 */
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dockerStage } from './docker-stage';

const repo = path.resolve(__dirname, '..');
const deps = dockerStage(readFileSync(path.join(repo, 'Dockerfile'), 'utf8'), 'deps');
const dir = mkdtempSync(path.join(tmpdir(), 'soar-deps-stage-'));
try {
  for (const copy of deps.filter((i) => i.op === 'COPY')) {
    for (const source of copy.args.split(/\s+/).slice(0, -1)) {
      mkdirSync(path.dirname(path.join(dir, source)), { recursive: true });
      cpSync(path.join(repo, source), path.join(dir, source), { recursive: true });
    }
  }
  const env = { ...process.env };
  delete env.NODE_ENV;
  for (const run of deps.filter((i) => i.op === 'RUN')) {
    console.log(`RUN ${run.args}`);
    execSync(run.args, { cwd: dir, stdio: 'inherit', env });
  }
  const checks: [string, boolean][] = [
    ['Prisma client generated', existsSync(path.join(dir, 'libs/persistence/src/generated/prisma/client.ts'))],
    ['Prisma CLI kept for the migrate service', existsSync(path.join(dir, 'node_modules/prisma/build/index.js'))],
    ['dev tools pruned', !existsSync(path.join(dir, 'node_modules/patch-package'))],
  ];
  for (const [what, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
