// Regenerates docs/openapi.json from the HTTP contract in libs/contracts/src/http:
//   node -r ./tools/register.js tools/generate-openapi.ts
// libs/contracts/src/http/openapi.spec.ts fails while the committed copy is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderOpenApiDocument } from '@soar/contracts';

const target = path.resolve(__dirname, '../docs/openapi.json');
writeFileSync(target, renderOpenApiDocument());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
