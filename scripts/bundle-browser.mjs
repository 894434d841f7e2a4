// Bundles the pure questionnaire engine for the browser: one implementation for screens and server.
import { build } from 'esbuild';

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
