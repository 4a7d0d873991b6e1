/**
 * Runs the Dockerfile's install and build stages (`deps`, then `build`, which starts FROM deps)
 * without Docker: copies what each stage copies into one temporary directory and runs its RUN lines
 * there, as `docker build` would (no NODE_ENV set). Then checks what the runtime stage gets: the
 * Prisma client generated, the server compiled to JavaScript with no TypeScript left, dev tools
 * pruned — and starts it: migrations with the compiled tools/prepare-database.js, then the compiled
 * API (health and OpenAPI answered) and worker (started), with plain `node`. About three minutes.
 *
 *   npm run check:docker-install        (DATABASE_URL / REDIS_URL: where the smoke start runs)
 */
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dockerStage } from './docker-stage';
import { smokeStartCompiled } from './smoke-start-compiled';

const repo = path.resolve(__dirname, '..');
const dockerfile = readFileSync(path.join(repo, 'Dockerfile'), 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'soar-image-stages-'));

function runStage(name: string): void {
  const instructions = dockerStage(dockerfile, name);
  const env = { ...process.env };
  delete env.NODE_ENV;
  for (const instruction of instructions) {
    if (instruction.op === 'COPY') {
      for (const source of instruction.args.split(/\s+/).slice(0, -1)) {
        mkdirSync(path.dirname(path.join(dir, source)), { recursive: true });
        // .dockerignore keeps node_modules and generated output out of the build context.
        cpSync(path.join(repo, source), path.join(dir, source), {
          recursive: true,
          filter: (from) => !/[/\\](node_modules|generated|dist|\.sim-state)([/\\]|$)/.test(path.relative(repo, from)),
        });
      }
    } else if (instruction.op === 'RUN') {
      console.log(`RUN ${instruction.args}`);
      execSync(instruction.args, { cwd: dir, stdio: 'inherit', env });
    }
  }
}

/** TypeScript files left in the server's folders (the web console's sources are not served). */
function typeScriptLeft(folder: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$|\.d\.ts$/.test(entry.name) && !full.includes(`${path.sep}e2e${path.sep}`) && !full.includes(`${path.sep}testing${path.sep}`) && !full.includes(`${path.sep}bench${path.sep}`) && !full.includes(`${path.sep}helm${path.sep}`)) found.push(path.relative(dir, full));
    }
  };
  walk(path.join(dir, folder));
  return found;
}

async function main(): Promise<void> {
  runStage('deps');
  runStage('build');
  const leftovers = ['apps/api/src', 'apps/worker/src', 'apps/defender-sim/src', 'libs'].flatMap(typeScriptLeft);
  const checks: [string, boolean][] = [
    ['Prisma client generated and compiled', existsSync(path.join(dir, 'libs/persistence/src/generated/prisma/client.js'))],
    ['Prisma CLI kept for the migrate service', existsSync(path.join(dir, 'node_modules/prisma/build/index.js'))],
    ['server compiled to JavaScript', existsSync(path.join(dir, 'apps/api/src/main.js')) && existsSync(path.join(dir, 'apps/worker/src/main.js'))],
    [`no TypeScript source left to compile at start${leftovers.length ? ` (${leftovers.slice(0, 3).join(', ')})` : ''}`, leftovers.length === 0],
    ['dev tools pruned', !existsSync(path.join(dir, 'node_modules/patch-package'))],
    ['no compiler at run time', !existsSync(path.join(dir, 'node_modules/@swc/core')) && !existsSync(path.join(dir, 'node_modules/@swc-node/register'))],
  ];
  for (const [what, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (checks.some(([, ok]) => !ok)) {
    process.exitCode = 1;
    return;
  }
  const started = await smokeStartCompiled(dir);
  for (const [what, ok] of started) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (started.some(([, ok]) => !ok)) process.exitCode = 1;
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
