#!/usr/bin/env node
/* global require */
// The `kubeguard` command (package.json "bin"). It runs the CLI that esbuild bundles into server/out/
// (`npm run build`, which `prepare` runs on `npm install`).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a bin script is CommonJS, like the bundle it loads.
require('../server/out/cli.js').main();
