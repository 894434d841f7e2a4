// Every shipped pack, exported to XLSForm and imported back, is the same questionnaire: the same definition (with
// expressions compared as parsed trees), and the same skip logic when evaluated on sampled answers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, isTruthy, parseExpression, printXPath, type Value } from '../../../src/domain/expressions/index.js';
import { parseDefinitionText, type Questionnaire } from '../../../src/domain/questionnaire/index.js';
import { exportXlsForm } from '../../../src/domain/xlsform/export.js';
import { importXlsForm } from '../../../src/domain/xlsform/import.js';

const dir = join(import.meta.dirname, '../../../surveys');
const packs = readdirSync(dir).filter((f) => f.endsWith('.json'));

const expressionKeys = new Set(['relevant', 'constraint', 'calculation', 'required']);

/** The definition with every expression re-printed from its tree, so `${a}=1` and `${a} = 1` compare equal. */
function normalised(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && expressionKeys.has(key)) return printXPath(parseExpression(value));
  if (Array.isArray(value)) return value.map((v) => normalised(v));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalised(v, k)]));
  return value;
}

function roundTrip(q: Questionnaire): Questionnaire {
  const def = q.definition;
  const result = importXlsForm(exportXlsForm(def), { code: def.code, version: def.version });
  if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 5), null, 1));
  return result.questionnaire;
}

/** A small deterministic generator, so the sampled answers are the same on every run. */
function sampler(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function sampleAnswers(q: Questionnaire, rnd: () => number): Record<string, Value> {
  const answers: Record<string, Value> = {};
  for (const f of q.fields) {
    if (rnd() < 0.15) continue;
    const options = f.options ?? [];
    const pick = (): string => String(options[Math.floor(rnd() * options.length)]?.value ?? 1);
    if (f.type === 'multi') answers[f.id] = options.filter(() => rnd() < 0.4).map((o) => String(o.value));
    else if (options.length > 0) answers[f.id] = pick();
    else if (f.type === 'integer' || f.type === 'decimal') answers[f.id] = Math.floor(rnd() * 100);
    else if (f.type === 'date') answers[f.id] = '2024-05-01';
    else answers[f.id] = rnd() < 0.5 ? 'abc' : '';
  }
  return answers;
}

describe.each(packs)('XLSForm round trip of %s', (file) => {
  const original = parseDefinitionText(readFileSync(join(dir, file), 'utf8'), file);
  const back = roundTrip(original);

  it('gives the same definition', () => {
    expect(normalised(back.definition)).toEqual(normalised(original.definition));
  });

  it('gives the same fields, options and skip logic on sampled answers', () => {
    expect(back.fields.map((f) => [f.id, f.type, f.options])).toEqual(
      original.fields.map((f) => [f.id, f.type, f.options]),
    );
    const rnd = sampler(file.length);
    let relevantSeen = 0;
    for (let n = 0; n < 200; n++) {
      const answers = sampleAnswers(original, rnd);
      const env = { resolve: (name: string) => answers[name] ?? null, today: '2024-06-01' };
      original.fields.forEach((f, i) => {
        const asked = (q: Questionnaire) => q.fields[i]?.relevant.every((e) => isTruthy(evaluate(e, env)));
        expect(asked(back), `${file} ${f.id}`).toBe(asked(original));
        if (f.relevant.length > 0) relevantSeen++;
      });
    }
    if (original.fields.some((f) => f.relevant.length > 0)) expect(relevantSeen).toBeGreaterThan(0);
  });
});
