import type { ApiRoute } from './api-route';
import { ALERT_ROUTES } from './alerts.routes';
import { CREATE_ALERT_ROUTES } from './create-alert-by-reference.routes';
import { ENRICHMENT_ROUTES } from './enrichment.routes';
import { HUNTING_ROUTES } from './hunting.routes';
import { INDICATOR_ROUTES } from './indicators.routes';
import { MACHINE_ACTION_REQUEST_ROUTES } from './machine-action-requests.routes';
import { MACHINE_ACTION_ROUTES } from './machine-actions.routes';
import { MACHINE_ROUTES } from './machines.routes';

/** Every Defender endpoint; order matters where a literal segment shadows `:id`. */
export const API_ROUTES: ApiRoute[] = [
  ...CREATE_ALERT_ROUTES,
  ...ALERT_ROUTES,
  ...MACHINE_ROUTES,
  ...MACHINE_ACTION_REQUEST_ROUTES,
  ...MACHINE_ACTION_ROUTES,
  ...INDICATOR_ROUTES,
  ...ENRICHMENT_ROUTES,
  ...HUNTING_ROUTES,
];
