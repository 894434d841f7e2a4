// Bundles the pure questionnaire engine for the browser (one implementation for screens and server), then writes
// the field app's service worker, whose precache list and cache name depend on the files built here.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeServiceWorker } from './service-worker.mjs';

await build({
  entryPoints: ['src/domain/browser-entry.ts'],
  bundle: true,
  format: 'iife',
  globalName: 'LangNgheRules',
  target: ['es2020'],
  minify: true,
  sourcemap: true,
  outfile: 'public/js/rules.js',
  logLevel: 'warning',
});

writeServiceWorker(fileURLToPath(new URL('..', import.meta.url)));
