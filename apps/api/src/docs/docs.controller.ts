import { Controller, Get, Header } from '@nestjs/common';
import { buildOpenApiDocument } from '@soar/contracts';
import { Public } from '../auth/public.decorator';
import { SWAGGER_UI_ASSETS_PATH } from './swagger-ui-assets';

/** The API's contract, readable without a key: the OpenAPI document and a reference UI over it. */
@Controller('api')
export class DocsController {
  private readonly document = buildOpenApiDocument();

  @Get('openapi.json')
  @Public()
  openApi(): Record<string, unknown> {
    return this.document;
  }

  @Get('docs')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  reference(): string {
    return REFERENCE_PAGE;
  }
}

// Swagger UI from the swagger-ui-dist package, served by this API (no CDN: works offline).
const REFERENCE_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Defender SOAR API</title>
  <link rel="stylesheet" href="${SWAGGER_UI_ASSETS_PATH}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${SWAGGER_UI_ASSETS_PATH}/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
  </script>
</body>
</html>
`;
