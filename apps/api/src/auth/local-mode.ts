import type { NextFunction, Request, Response } from 'express';
import type { ApiConfig } from '../api.config';

/** Sent on every answer in local mode, so no client can mistake an unauthenticated API for a protected one. */
export const LOCAL_MODE_HEADER = 'x-soar-auth';
export const LOCAL_MODE_VALUE = 'local-unauthenticated';
const LOOPBACK = '127.0.0.1';

/**
 * Local mode: no authentication configured (no `API_KEYS`), so every caller acts as `local-admin`.
 * The one definition the guard, the queue dashboard, the header and the listen address share
 * (Entra sign-in, once configured, ends local mode here too).
 */
export const isLocalMode = (config: Pick<ApiConfig, 'API_KEYS'>): boolean => config.API_KEYS.length === 0;

/**
 * The address to listen on: in local mode only the loopback address, whatever HOST asks (a wider
 * HOST would hand admin rights to the network); `warn` says so. Otherwise HOST.
 */
export function listenHost(config: Pick<ApiConfig, 'API_KEYS' | 'HOST'>, warn: (message: string) => void): string {
  if (!isLocalMode(config) || config.HOST === LOOPBACK) return config.HOST;
  warn(`HOST=${config.HOST} ignored: without API_KEYS the API runs in local mode (no authentication) and listens on ${LOOPBACK} only; set API_KEYS to listen on ${config.HOST}`);
  return LOOPBACK;
}

export const localModeHeader = () => (_req: Request, res: Response, next: NextFunction): void => {
  res.setHeader(LOCAL_MODE_HEADER, LOCAL_MODE_VALUE);
  next();
};
