// Bundles the field app's two pages (public/js/field/app.js and interview.js, with everything they import) into
// public/build/field/app.js and interview.js: a page loads one script instead of a cascade of modules, each a
// round trip on a village connection, and links it by content hash (src/http/static-assets.ts).
// Two imports exist only here: `langnghe:field-templates` (the interview's EJS templates compiled to functions,
// scripts/field-templates.mjs) and `langnghe:field-view-model` (src/http/view-models/field.ts, which turns a
// questionnaire into screens for those templates). '/field/i18n.js', which the modules load from the server when
// they run unbundled, becomes the messages themselves (src/http/i18n/field-messages.ts).
import { join } from 'node:path';
import { build } from 'esbuild';
import { templatesModule } from './field-templates.mjs';

export const FIELD_BUNDLES = ['build/field/app.js', 'build/field/interview.js'];

function fieldModules(root) {
  const sources = {
    '/field/i18n.js': `export { fieldMessages as messages } from ${JSON.stringify(join(root, 'src/http/i18n/field-messages.ts'))};`,
    'langnghe:field-view-model': `export { fieldInterviewModel } from ${JSON.stringify(join(root, 'src/http/view-models/field.ts'))};`,
    'langnghe:field-templates': null,
  };
  return {
    name: 'langnghe-field-modules',
    setup(b) {
      b.onResolve({ filter: /^(\/field\/i18n\.js|langnghe:field-.*)$/ }, (args) => {
        if (!(args.path in sources)) return { errors: [{ text: `unknown module ${args.path}` }] };
        return { path: args.path, namespace: 'langnghe' };
      });
      b.onLoad({ filter: /.*/, namespace: 'langnghe' }, (args) => ({
        contents: sources[args.path] ?? templatesModule(root),
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

export async function bundleFieldApp(root) {
  await build({
    absWorkingDir: root,
    entryPoints: { app: 'public/js/field/app.js', interview: 'public/js/field/interview.js' },
    outdir: 'public/build/field',
    bundle: true,
    format: 'esm',
    target: ['es2020'],
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    plugins: [fieldModules(root)],
  });
}
