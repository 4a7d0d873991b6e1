import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The image's install and build stages (`deps`, `build` in the Dockerfile), run without Docker: the
 * same COPY lines into a temporary directory and the same RUN lines there
 * (tools/check-docker-install.ts), then the result started as the image starts it — plain `node`
 * on compiled JavaScript with no dev dependency. It fails if the stage cannot install (e.g.
 * postinstall needing a pruned dev tool), leaves TypeScript or a compiler for run time, or the
 * compiled services do not come up. Slow (a real `npm ci`), so it has a long timeout.
 */
describe('Docker image install and build stages (run without Docker)', () => {
  it('installs, compiles to JavaScript, prunes dev dependencies, and the compiled services start', () => {
    const repo = path.resolve(__dirname, '..');
    const out = execFileSync(process.execPath, ['-r', './tools/register.js', 'tools/check-docker-install.ts'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
    expect(out).toContain('ok   Prisma client generated and compiled');
    expect(out).toContain('ok   server compiled to JavaScript');
    expect(out).toContain('ok   no TypeScript source left to compile at start');
    expect(out).toContain('ok   no compiler at run time');
    expect(out).toContain('ok   compiled API ready');
    expect(out).toContain('ok   compiled API serves its OpenAPI document');
    expect(out).toContain('ok   compiled worker ready');
    expect(out).toContain('ok   Prisma CLI kept for the migrate service');
    expect(out).toContain('ok   dev tools pruned');
    expect(out).not.toContain('FAIL');
  }, 960_000);
});
