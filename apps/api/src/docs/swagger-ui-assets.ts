import path from 'node:path';
import express, { type RequestHandler } from 'express';

/** Where the reference page loads Swagger UI's script and style from. */
export const SWAGGER_UI_ASSETS_PATH = '/api/docs/assets';

/** The static files of the swagger-ui-dist package (public, like the page itself). */
export const swaggerUiAssets = (): RequestHandler =>
  express.static(path.dirname(require.resolve('swagger-ui-dist/package.json')), { index: false, fallthrough: false, maxAge: '1h' });
