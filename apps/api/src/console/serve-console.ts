import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Where `npm run build:web` (and `npm start`) put the console's static files. */
export const CONSOLE_DIST = path.resolve(__dirname, '../../../web/dist');

/** Paths the server itself answers (the API, probes, metrics): never the console's app shell. */
const SERVER_PATHS = ['/api', '/health', '/metrics'];

/**
 * Serves the web console at `/` from one origin with the API: built files as they are (hashed
 * assets cached for a year), and index.html for any other GET outside `/api` so client-side
 * routes such as /runs/<id> survive a reload. `/api`, the probes and `/metrics` are never touched.
 */
export function serveConsole(app: NestExpressApplication, dir = CONSOLE_DIST): void {
  const index = path.join(dir, 'index.html');
  const isPage = (req: Request) => (req.method === 'GET' || req.method === 'HEAD') && !SERVER_PATHS.some((p) => req.path === p || req.path.startsWith(`${p}/`));
  app.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d' }));
  // A missing asset (an old page asking for a replaced build) is a plain 404, never the app shell.
  app.use('/assets', (_req: Request, res: Response) => void res.status(404).type('text/plain').send('not found\n'));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isPage(req)) return next();
    if (!existsSync(index)) {
      res.status(404).type('text/plain').send('The web console is not built. Run `npm run build:web` (npm start does it for you).\n');
      return;
    }
    // index.html names the current asset hashes: never cached, so a new build is picked up at once.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
