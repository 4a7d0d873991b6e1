// Runs TypeScript sources directly (apps, tools, the simulator) with SWC: decorator metadata for
// NestJS and the @soar/* path aliases from tsconfig.json, with no build step.
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
