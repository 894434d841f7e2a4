// Bundles the pure questionnaire engine for the browser (one implementation for screens and server) and the field
// app's pages, then writes the field app's service worker, whose precache list and cache name depend on the files
// built here.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleFieldApp } from './field-bundle.mjs';
import { writeServiceWorker } from './service-worker.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

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

await bundleFieldApp(root);
writeServiceWorker(root);
