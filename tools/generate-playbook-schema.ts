// Regenerates libs/playbook/playbook.schema.json from the zod schemas and the action catalog:
//   node -r ./tools/register.js tools/generate-playbook-schema.ts
// libs/playbook/src/schema/playbook-json-schema.spec.ts fails while the committed copy is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { actionCatalog } from '@soar/defender';
import { renderPlaybookJsonSchema } from '@soar/playbook';

const target = path.resolve(__dirname, '../libs/playbook/playbook.schema.json');
writeFileSync(target, renderPlaybookJsonSchema(actionCatalog));
console.log(`wrote ${path.relative(process.cwd(), target)}`);
