// Lint rules that carry architecture: src/domain stays pure (no I/O, no clock, no randomness), and the layers
// depend inward only: http and cli -> services -> db, everything -> domain (tests/unit/architecture.test.ts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ioModules = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'process',
  'express',
  'express-*',
  'kysely',
  'kysely/*',
  'better-sqlite3',
  'ejs',
  'helmet',
  'supertest',
];

/** A relative import into one of src/'s layer folders, from any depth below another: `../../db/queries/x.js`. */
const intoLayer = (...layers) => `^(\\.\\./)+(${layers.join('|')})/`;

/**
 * Forbids importing the layers named, statically (no-restricted-imports, `import type` included) and with
 * `await import()` (no-restricted-syntax), with the message saying where the code should go instead.
 */
function layerRules(layers, message, extraPatterns = []) {
  const regex = intoLayer(...layers);
  return {
    'no-restricted-imports': ['error', { patterns: [{ regex, message }, ...extraPatterns] }],
    'no-restricted-syntax': [
      'error',
      { selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`, message },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/js/rules.js', 'public/build/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Prettier wraps code at 120 columns; this catches what it cannot wrap (comments), strings aside.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'src/domain is pure: pass I/O, time and randomness in.' },
            {
              regex: intoLayer('db', 'services', 'http', 'cli'),
              message: 'src/domain is the innermost layer: it imports no other part of src/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'fetch', 'setTimeout', 'setInterval', 'require'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Take the time as an argument.' },
        { object: 'Math', property: 'random', message: 'Take a seeded PRNG as an argument.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Take the time as an argument.',
        },
        { selector: 'ImportExpression', message: 'src/domain loads nothing at run time.' },
      ],
    },
  },
  {
    files: ['src/http/**/*.ts', 'src/cli/**/*.ts'],
    rules: layerRules(
      ['db'],
      'HTTP and CLI code reaches the database through a service (src/services/<feature>/); it has ctx.db, never src/db.',
      [{ group: ['kysely', 'kysely/*', 'better-sqlite3'], message: 'Only src/db knows the database library.' }],
    ),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: layerRules(['http', 'cli'], 'Services know neither HTTP nor the CLI: they take plain input and an Actor.'),
  },
  {
    files: ['src/db/**/*.ts'],
    rules: layerRules(
      ['services', 'http', 'cli'],
      'src/db holds queries only: it imports no service, route or command.',
    ),
  },
  {
    files: ['src/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['public/js/**/*.js', 'scripts/**/*.mjs', 'bin/**/*.js', 'bench/**/*.mjs', 'bench/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
);
