import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dockerStage } from './docker-stage';

/**
 * The image's install stage (issue 12, item 13), checked without Docker. It used to run `npm ci`
 * with NODE_ENV=production, so patch-package (a dev dependency) was missing for postinstall and
 * the image could not build. By default this reads the stage's own COPY/ENV/RUN lines and checks
 * them against package.json and package-lock.json. `npm run check:docker-install` runs the same
 * lines for real in a temporary directory (about two minutes, so not part of `npm test`).
 */
const repo = path.resolve(__dirname, '..');
const dockerfile = readFileSync(path.join(repo, 'Dockerfile'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const lock = JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean; devOptional?: boolean; bin?: Record<string, string> | string }>;
};

const stage = (name: string) => dockerStage(dockerfile, name);
const deps = stage('deps');
const runs = deps.filter((i) => i.op === 'RUN').map((i) => i.args);
const copies = deps.filter((i) => i.op === 'COPY').map((i) => i.args.split(/\s+/).slice(0, -1));
const installIndex = runs.findIndex((r) => /\bnpm (ci|install)\b/.test(r));

/** True when the install command, with the stage's ENV, installs devDependencies too. */
function installsDevDependencies(): boolean {
  const env = deps.filter((i) => i.op === 'ENV').map((i) => i.args).join(' ');
  const command = runs[installIndex]!;
  const production = /NODE_ENV[= ]production/.test(env) || /NODE_ENV=production/.test(command);
  return !production && !/--omit[= ]dev|--production|--only[= ]prod/.test(command);
}

/** The package providing a command (its `bin`), from the lockfile. */
function packageOfBin(bin: string): { name: string; devOnly: boolean } {
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.startsWith('node_modules/') || key.lastIndexOf('node_modules/') !== 0) continue;
    const bins = typeof entry.bin === 'string' ? { [key.slice(13)]: entry.bin } : (entry.bin ?? {});
    if (bin in bins) return { name: key.slice(13), devOnly: Boolean(entry.dev || entry.devOptional) };
  }
  throw new Error(`no package in package-lock.json provides \`${bin}\``);
}

describe('Dockerfile install stage (deps)', () => {
  it('installs with devDependencies so postinstall can run every tool it calls', () => {
    expect(installIndex).toBeGreaterThanOrEqual(0);
    const tools = pkg.scripts.postinstall!.split('&&').map((c) => c.trim().split(/\s+/)[0]!);
    expect(tools).toEqual(['patch-package', 'prisma']);
    const devTools = tools.map(packageOfBin).filter((p) => p.devOnly);
    // patch-package is a devDependency: it is there only if the install includes dev dependencies.
    expect(devTools.map((p) => p.name)).toEqual(['patch-package']);
    expect(installsDevDependencies()).toBe(true);
  });

  it('copies everything postinstall reads before installing', () => {
    const copied = copies.flat();
    for (const needed of ['package.json', 'package-lock.json', 'patches', 'prisma', 'prisma.config.ts', 'tools/defaults.ts']) {
      expect(copied).toContain(needed);
      expect(existsSync(path.join(repo, needed))).toBe(true);
    }
  });

  it('compiles to JavaScript, then drops devDependencies, keeping the Prisma CLI the migrate service runs', () => {
    const build = stage('build').filter((i) => i.op === 'RUN').map((i) => i.args);
    const compile = build.findIndex((r) => r.includes('tools/compile-server.js --remove-sources'));
    const prune = build.findIndex((r) => /\bnpm prune\b/.test(r) && /--omit[= ]dev/.test(r));
    expect(compile).toBeGreaterThanOrEqual(0);
    expect(prune).toBeGreaterThan(compile);
    expect(dockerfile).toMatch(/^FROM deps AS build$/m);
    expect(packageOfBin('prisma').devOnly).toBe(false);
    // The compiler is a dev dependency: it cannot be loaded at run time.
    for (const compiler of ['@swc/core', '@swc-node/register']) expect(lock.packages[`node_modules/${compiler}`]!.dev).toBe(true);
    const runtime = stage('runtime');
    expect(runtime.some((i) => i.op === 'COPY' && i.args === '--from=build /app ./')).toBe(true);
    expect(runtime.find((i) => i.op === 'CMD')!.args).toBe('["node", "apps/api/src/main.js"]');
  });
});
