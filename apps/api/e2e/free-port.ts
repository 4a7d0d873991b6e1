import { createServer } from 'node:net';

/** A TCP port free right now on 127.0.0.1 (for processes a test starts with a PORT variable). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
