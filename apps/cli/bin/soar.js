#!/usr/bin/env node
// `soar` command: runs the TypeScript sources through SWC (tools/register.js), like the other apps.
const path = require('node:path');
require(path.join(__dirname, '../../../tools/register.js'));
require(path.join(__dirname, '../src/main.ts'));
