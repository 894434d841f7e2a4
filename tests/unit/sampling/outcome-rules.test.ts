// The one rule an outcome must meet, run by the server and (through rules.js) by the phone: "not at home" only
// after three visits, visits a whole number in range, a note of bounded length, a known disposition.
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checkOutcome, dispositionCodes, outcomeLimits } from '../../../src/domain/sampling/index.js';

describe('checkOutcome', () => {
  it('refuses "not at home" before the third visit, in the language asked for', () => {
    const [vi] = checkOutcome({ disposition: 'not_at_home_3_visits', visits: 1 }, 'vi');
    expect(vi).toMatchObject({ field: 'visits', code: 'too_few_visits' });
    expect(vi?.message).toBe('“Vắng nhà” chỉ được ghi sau 3 lần đến; mới có 1 lần.');
    const [en] = checkOutcome({ disposition: 'not_at_home_3_visits', visits: 2 }, 'en');
    expect(en?.message).toBe('"Not at home" is final only after 3 visits; 2 recorded.');
    expect(en?.text.vi).toContain('mới có 2 lần');
  });

  it('accepts "not at home" from the third visit on, and other outcomes from the first', () => {
    expect(checkOutcome({ disposition: 'not_at_home_3_visits', visits: 3 })).toEqual([]);
    expect(checkOutcome({ disposition: 'not_at_home_3_visits', visits: 7, note: 'hàng xóm nói đi làm xa' })).toEqual(
      [],
    );
    for (const code of dispositionCodes) expect(checkOutcome({ disposition: code, visits: 3 })).toEqual([]);
    expect(checkOutcome({ disposition: 'refused', visits: 1 })).toEqual([]);
  });

  it('refuses visits that are not a whole number within the limits', () => {
    for (const visits of [0, -1, 2.5, outcomeLimits.maxVisits + 1, '3', null, Number.NaN]) {
      const problems = checkOutcome({ disposition: 'refused', visits });
      expect(problems.map((p) => [p.field, p.code])).toEqual([['visits', 'visits_invalid']]);
    }
    expect(checkOutcome({ disposition: 'refused', visits: 0 }, 'en')[0]?.message).toBe(
      'The number of visits must be a whole number from 1 to 20.',
    );
  });

  it('refuses an unknown disposition and a note over the limit, each on its own field', () => {
    const problems = checkOutcome({
      disposition: 'gone',
      visits: 1,
      note: 'x'.repeat(outcomeLimits.maxNoteLength + 1),
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['disposition', 'unknown_disposition'],
      ['note', 'note_too_long'],
    ]);
    expect(checkOutcome({ disposition: 'toString', visits: 1 })[0]?.code).toBe('unknown_disposition');
    expect(checkOutcome({ disposition: 'moved', visits: 1, note: ` ${'x'.repeat(500)} ` })).toEqual([]);
  });
});

describe('checkOutcome in the browser bundle', () => {
  it('is the same rule the phone gets from rules.js (built here as scripts/bundle-browser.mjs builds it)', async () => {
    const out = await build({
      entryPoints: ['src/domain/browser-entry.ts'],
      bundle: true,
      format: 'iife',
      globalName: 'LangNgheRules',
      target: ['es2020'],
      write: false,
      logLevel: 'silent',
    });
    const sandbox: { LangNgheRules?: { checkOutcome: typeof checkOutcome } } = {};
    runInNewContext(`${out.outputFiles[0]?.text ?? ''};this.LangNgheRules = LangNgheRules;`, sandbox);
    const phone = sandbox.LangNgheRules?.checkOutcome;
    expect(phone).toBeTypeOf('function');
    const cases = [
      { disposition: 'not_at_home_3_visits', visits: 1 },
      { disposition: 'not_at_home_3_visits', visits: 3 },
      { disposition: 'refused', visits: 0, note: 'x'.repeat(600) },
      { disposition: 'gone', visits: 2 },
    ];
    for (const body of cases)
      for (const lang of ['vi', 'en'] as const)
        expect(JSON.parse(JSON.stringify(phone?.(body, lang)))).toEqual(checkOutcome(body, lang));
  });
});
