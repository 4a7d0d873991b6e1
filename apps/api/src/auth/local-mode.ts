import type { NextFunction, Request, Response } from 'express';
import type { ApiConfig } from '../api.config';
import { authModeOf, type AuthSettings } from './auth-mode';

/** Sent on every answer in local mode, so no client can mistake an unauthenticated API for a protected one. */
export const LOCAL_MODE_HEADER = 'x-soar-auth';
export const LOCAL_MODE_VALUE = 'local-unauthenticated';
const LOOPBACK = '127.0.0.1';

/**
 * Local mode: no authentication configured (no `API_KEYS`, no Entra sign-in), so every caller acts
 * as `local-admin`. The one definition the guard, the queue dashboard, the header and the listen
 * address share.
 */
export const isLocalMode = (config: AuthSettings): boolean => authModeOf(config) === 'local';

/**
 * The address to listen on: in local mode only the loopback address, whatever HOST asks (a wider
 * HOST would hand admin rights to the network); `warn` says so. Otherwise HOST.
 */
export function listenHost(config: AuthSettings & Pick<ApiConfig, 'HOST'>, warn: (message: string) => void): string {
  if (!isLocalMode(config) || config.HOST === LOOPBACK) return config.HOST;
  warn(`HOST=${config.HOST} ignored: without API_KEYS the API runs in local mode (no authentication) and listens on ${LOOPBACK} only; set API_KEYS or Entra sign-in to listen on ${config.HOST}`);
  return LOOPBACK;
}

export const localModeHeader = () => (_req: Request, res: Response, next: NextFunction): void => {
  res.setHeader(LOCAL_MODE_HEADER, LOCAL_MODE_VALUE);
  next();
};
