// The lint rules that carry the architecture, proved to fire (and to let the allowed imports through): src/domain
// is pure, http and cli do not import src/db, src/db imports no service or route, services import no route. And
// src/context.ts, which every service imports, is in no import cycle.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

  it('forbids the other layers in src/domain, statically or at run time', async () => {
    for (const layer of ['db/database.js', 'services/kiosk/counters.js', 'http/validate.js', 'cli/io.js'])
      expect(await ruleIds(importing(`../../${layer}`), 'src/domain/sampling/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(loading('../errors.js'), 'src/domain/sampling/x.ts')).toContain('no-restricted-syntax');
  });

  it('allows the same code outside src/domain, and pure code inside it', async () => {
    expect(
      await ruleIds("import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'src/services/x.ts'),
    ).toEqual([]);
    expect(await ruleIds("import { z } from 'zod';\nexport const s = z.string();\n", 'src/domain/x.ts')).toEqual([]);
    expect(await ruleIds(importing('../errors.js'), 'src/domain/sampling/x.ts')).toEqual([]);
  });

  it('forbids eval and Function everywhere', async () => {
    expect(await ruleIds('export const f = new Function("return 1");\n', 'src/http/x.ts')).toContain('no-new-func');
  });
});

describe('layer lint', () => {
  it('http does not import src/db (types and run-time imports included), nor the database library', async () => {
    const route = 'src/http/routes/x.ts';
    expect(await ruleIds(importing('../../db/queries/frames.js'), route)).toContain('no-restricted-imports');
    expect(await ruleIds(importing('../../db/database.js', true), route)).toContain('no-restricted-imports');
    expect(await ruleIds(importing('../db/transaction.js'), 'src/http/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(loading('../../db/queries/draws.js'), route)).toContain('no-restricted-syntax');
    expect(await ruleIds(importing('kysely'), route)).toContain('no-restricted-imports');
  });

  it('http imports services, domain and its own modules', async () => {
    const route = 'src/http/routes/x.ts';
    for (const allowed of ['../../services/kiosk/counters.js', '../../domain/errors.js', '../middleware/auth.js'])
      expect(await ruleIds(importing(allowed), route)).toEqual([]);
    expect(await ruleIds(importing('../../context.js', true), route)).toEqual([]);
  });

  it('cli does not import src/db', async () => {
    expect(await ruleIds(importing('../db/queries/kiosk.js'), 'src/cli/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(loading('../db/queries/draws.js'), 'src/cli/x.ts')).toContain('no-restricted-syntax');
    expect(await ruleIds(importing('better-sqlite3'), 'src/cli/x.ts')).toContain('no-restricted-imports');
  });

  it('cli imports services and the context', async () => {
    expect(await ruleIds(importing('../services/kiosk/counters.js'), 'src/cli/x.ts')).toEqual([]);
    expect(await ruleIds(importing('../context.js', true), 'src/cli/x.ts')).toEqual([]);
  });

  it('src/db imports no service, route or command', async () => {
    const query = 'src/db/queries/x.ts';
    expect(await ruleIds(importing('../../services/audit/audit-log.js'), query)).toContain('no-restricted-imports');
    expect(await ruleIds(importing('../../http/error-status.js'), query)).toContain('no-restricted-imports');
    expect(await ruleIds(importing('../services/kiosk/limits.js', true), 'src/db/x.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds(loading('../../services/kiosk/counters.js'), query)).toContain('no-restricted-syntax');
  });

  it('src/db imports its own modules, the domain and kysely', async () => {
    const query = 'src/db/queries/x.ts';
    for (const allowed of ['../database.js', '../../domain/errors.js', 'kysely'])
      expect(await ruleIds(importing(allowed), query)).toEqual([]);
  });

  it('services import no route', async () => {
    const service = 'src/services/kiosk/x.ts';
    expect(await ruleIds(importing('../../http/form-errors.js'), service)).toContain('no-restricted-imports');
    expect(await ruleIds(importing('../../http/middleware/auth.js', true), service)).toContain('no-restricted-imports');
    expect(await ruleIds(loading('../../http/i18n/index.js'), service)).toContain('no-restricted-syntax');
  });

  it('services import src/db, the domain, the context and each other', async () => {
    const service = 'src/services/kiosk/x.ts';
    for (const allowed of ['../../db/queries/kiosk.js', '../../domain/actor.js', '../audit/audit-log.js'])
      expect(await ruleIds(importing(allowed), service)).toEqual([]);
    expect(await ruleIds(importing('../../context.js', true), service)).toEqual([]);
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
