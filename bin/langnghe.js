#!/usr/bin/env node
// Thin launcher so `npx langnghe` works after `npm install` (which compiles src/ into dist/).
import { run } from '../dist/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
