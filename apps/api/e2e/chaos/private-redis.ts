import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A Redis server of the chaos test's own, on a free port. The test restarts it for real
 * (`redis-cli shutdown nosave`, then `redis-server` again: every key gone, every client cut off),
 * which it must not do to the machine's shared Redis: other test files and other people's test
 * runs use that one at the same time.
 */
export class PrivateRedis {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** True when a `redis-server` binary is on the PATH. */
  static async available(): Promise<boolean> {
    return new Promise((resolve) => execFile('redis-server', ['--version'], (error) => resolve(!error)));
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), mkdtempSync(path.join(tmpdir(), 'soar-chaos-redis-')));
    await redis.launch();
    return redis;
  }

  /**
   * A real restart: shutdown without saving, stay down `pauseMs` (a restart takes time), start
   * again on the same port, wait until it answers PING.
   */
  async restart(pauseMs = 0): Promise<{ downMs: number }> {
    const started = Date.now();
    await this.shutdown();
    await new Promise((r) => setTimeout(r, pauseMs));
    await this.launch();
    return { downMs: Date.now() - started };
  }

  async stop(): Promise<void> {
    await this.shutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }

  log(): string {
    try {
      return readFileSync(path.join(this.dir, 'redis.log'), 'utf8');
    } catch {
      return '';
    }
  }

  private async launch(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--bind', '127.0.0.1', '--port', String(this.port), '--save', '', '--appendonly', 'no', '--dir', this.dir, '--logfile', path.join(this.dir, 'redis.log')],
      { stdio: 'ignore' },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server on port ${this.port} exited at start:\n${this.log().slice(-2000)}`);
      if (await ping(this.port)) return;
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not answer PING within 15 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async shutdown(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    // redis-cli reports the connection closing under it; the exit of our child is what counts.
    await new Promise<void>((resolve) => execFile('redis-cli', ['-p', String(this.port), 'shutdown', 'nosave'], () => resolve()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** RESP PING over a plain socket: true when the server answers +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
