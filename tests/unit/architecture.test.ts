// The lint rule that keeps src/domain pure is part of the architecture; prove it fires.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

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
