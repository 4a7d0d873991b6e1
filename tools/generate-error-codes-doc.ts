// Regenerates docs/error-codes.md from the error code catalog in libs/contracts:
//   node -r ./tools/register.js tools/generate-error-codes-doc.ts
// libs/contracts/src/error-codes/error-codes.spec.ts fails while the committed copy is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderErrorCodesDoc } from '@soar/contracts';

const target = path.resolve(__dirname, '../docs/error-codes.md');
writeFileSync(target, renderErrorCodesDoc());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
