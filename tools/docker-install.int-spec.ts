import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The image's install stage (`deps` in the Dockerfile), run without Docker: the same COPY lines
 * into a temporary directory and the same RUN lines there (tools/check-docker-install.ts). It
 * fails if the stage cannot install (e.g. postinstall needing a pruned dev tool) or leaves dev
 * tools in the runtime's node_modules. Slow (a real `npm ci`), so it has a long timeout.
 */
describe('Docker image install stage (run without Docker)', () => {
  it('installs, generates the Prisma client and prunes dev dependencies', () => {
    const repo = path.resolve(__dirname, '..');
    const out = execFileSync(process.execPath, ['-r', './tools/register.js', 'tools/check-docker-install.ts'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
    expect(out).toContain('ok   Prisma client generated');
    expect(out).toContain('ok   Prisma CLI kept for the migrate service');
    expect(out).toContain('ok   dev tools pruned');
    expect(out).not.toContain('FAIL');
  }, 660_000);
});
