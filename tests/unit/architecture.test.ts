// The lint rules that carry the architecture, proved to fire (and to let the allowed imports through): src/domain
// is pure, http and cli do not import src/db, src/db imports no service or route, services import no route. And
// src/context.ts, which every service imports, is in no import cycle.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

/** A module that imports `specifier` and uses it, so that only the import itself can be objected to. */
const importing = (specifier: string, type = false): string =>
  type
    ? `import type { X } from '${specifier}';\nexport type Y = X;\n`
    : `import { x } from '${specifier}';\nexport const y = x;\n`;
const loading = (specifier: string): string => `export const load = () => import('${specifier}');\n`;

describe('src/domain purity lint', () => {
  it('forbids I/O imports in src/domain', async () => {
    expect(
      await ruleIds("import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'src/domain/x.ts'),
    ).toContain('no-restricted-imports');
    expect(await ruleIds("import { Kysely } from 'kysely';\nexport const k = Kysely;\n", 'src/domain/x.ts')).toContain(
      'no-restricted-imports',
    );
  });

  it('forbids reading the clock and Math.random in src/domain', async () => {
    expect(await ruleIds('export const t = Date.now();\n', 'src/domain/x.ts')).toContain('no-restricted-properties');
    expect(await ruleIds('export const r = Math.random();\n', 'src/domain/x.ts')).toContain('no-restricted-properties');
    expect(await ruleIds('export const d = new Date();\n', 'src/domain/x.ts')).toContain('no-restricted-syntax');
  });

  it('allows the same code outside src/domain, and pure code inside it', async () => {
    expect(
      await ruleIds("import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'src/services/x.ts'),
    ).toEqual([]);
    expect(await ruleIds("import { z } from 'zod';\nexport const s = z.string();\n", 'src/domain/x.ts')).toEqual([]);
  });

  it('forbids eval and Function everywhere', async () => {
    expect(await ruleIds('export const f = new Function("return 1");\n', 'src/http/x.ts')).toContain('no-new-func');
  });
});

/** An import of `target` (a folder or file of src/, or a package) as written in `file`. */
function specifierFor(file: string, target: string): string {
  if (!/^(db|services|http|cli|domain|context)\b/.test(target)) return target;
  const path = relative(dirname(file), `src/${target.endsWith('.js') ? target : `${target}/x.js`}`);
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * The layer rules, by layer: a file inside it, what it must not import, and what it may. http and cli reach data
 * through services; src/db serves services only; services serve http and cli without knowing them; domain is pure.
 */
const layers: [string, string, string[], string[]][] = [
  ['http', 'src/http/routes/x.ts', ['db', 'db/queries', 'kysely'], ['services', 'domain', 'http', 'context.js']],
  ['cli', 'src/cli/x.ts', ['db', 'db/queries', 'better-sqlite3'], ['services', 'domain', 'cli', 'context.js']],
  ['db', 'src/db/queries/x.ts', ['services', 'http', 'cli'], ['db', 'domain', 'kysely']],
  ['services', 'src/services/kiosk/x.ts', ['http', 'cli'], ['db', 'domain', 'services', 'context.js']],
  ['domain', 'src/domain/sampling/x.ts', ['db', 'services', 'http', 'cli'], ['domain', 'zod']],
];

describe.each(layers)('layer lint: %s', (_rule, file, refused, allowed) => {
  it('refuses the imports, as values, as types and at run time', async () => {
    for (const specifier of refused.map((t) => specifierFor(file, t))) {
      expect(await ruleIds(importing(specifier), file)).toContain('no-restricted-imports');
      expect(await ruleIds(importing(specifier, true), file)).toContain('no-restricted-imports');
      if (specifier.startsWith('.')) expect(await ruleIds(loading(specifier), file)).toContain('no-restricted-syntax');
    }
  });

  it('allows the rest', async () => {
    for (const specifier of allowed.map((t) => specifierFor(file, t))) {
      expect(await ruleIds(importing(specifier), file)).toEqual([]);
      expect(await ruleIds(importing(specifier, true), file)).toEqual([]);
    }
  });
});

describe('import cycles', () => {
  const specifiers = /(?:import|export)\s[^'";]*?from\s*'(\.[^']+)'|import\s*'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;
  const importsOf = (file: string): string[] =>
    [...readFileSync(file, 'utf8').matchAll(specifiers)].map((m) =>
      resolve(dirname(file), (m[1] ?? m[2] ?? m[3] ?? '').replace(/\.js$/, '.ts')),
    );

  it('src/context.ts imports nothing that imports it back (types included)', () => {
    const context = resolve('src/context.ts');
    const seen = new Set<string>();
    const queue = importsOf(context);
    while (queue.length > 0) {
      const file = queue.pop() ?? '';
      if (seen.has(file) || !file.startsWith(resolve('src'))) continue;
      seen.add(file);
      queue.push(...importsOf(file));
    }
    expect(seen.size).toBeGreaterThan(3);
    expect(seen.has(context)).toBe(false);
  });
});
