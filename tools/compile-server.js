#!/usr/bin/env node
// Compiles the server's TypeScript (apps, libs and the tools the image runs) to JavaScript beside
// each source file, with exactly the SWC settings tools/register.js applies when it compiles at
// start. The production image runs these .js files with plain `node`: no compiler loaded, no
// compile time at start, no dev dependency at run time. Tests, the web console (built by Vite) and
// the bench are left out.
//
//   node tools/compile-server.js [--remove-sources]
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// Always this checkout's tsconfig (an inherited SWC_NODE_PROJECT would resolve aliases elsewhere).
process.env.SWC_NODE_PROJECT = path.join(root, 'tsconfig.json');
const ts = require('typescript');
const { readDefaultTsConfig, tsCompilerOptionsToSwcConfig } = require('@swc-node/register/read-default-tsconfig');
const { transformSync } = require('@swc-node/core');

const SOURCE_DIRS = ['apps/api/src', 'apps/worker/src', 'apps/defender-sim/src', 'apps/cli/src', 'libs', 'tools'];
const SKIPPED_DIRS = new Set(['node_modules', 'e2e', 'bench', 'helm', 'testing', '__fixtures__']);
const isTest = (file) => /\.(spec|int-spec|e2e-spec|test)\.ts$/.test(file) || file.endsWith('.d.ts');

function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* sources(full);
    } else if (entry.name.endsWith('.ts') && !isTest(entry.name)) {
      yield full;
    }
  }
}

/** SWC rewrites the @soar/* aliases to the alias target's file name; Node needs it without `.ts`. */
const stripTsExtensions = (code) => code.replace(/(require\("\.{1,2}\/[^"]*?)\.ts("\))/g, '$1$2');

function main() {
  const removeSources = process.argv.includes('--remove-sources');
  const options = readDefaultTsConfig();
  options.module = ts.ModuleKind.CommonJS;
  options.sourceMap = false;
  let count = 0;
  for (const dir of SOURCE_DIRS) {
    const absolute = path.join(root, dir);
    if (!fs.existsSync(absolute)) continue;
    for (const file of sources(absolute)) {
      const { code } = transformSync(fs.readFileSync(file, 'utf8'), file, tsCompilerOptionsToSwcConfig(options, file));
      fs.writeFileSync(file.replace(/\.ts$/, '.js'), stripTsExtensions(code));
      if (removeSources) fs.rmSync(file);
      count += 1;
    }
  }
  console.log(`compiled ${count} TypeScript files to JavaScript${removeSources ? ' (sources removed)' : ''}`);
}

main();
