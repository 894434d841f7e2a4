import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDefinitionText, validateAnswers, type Field } from '../../../src/domain/questionnaire/index.js';

const today = '2024-06-03';
const text = readFileSync('surveys/one-stop-tt01.json', 'utf8');
const kiosk = parseDefinitionText(text, 'one-stop-tt01.json');
const def = kiosk.definition;
const indicators = kiosk.fields.filter((f) => f.measure?.index === 'TT01');
const codes = (answers: Record<string, unknown>): string[] =>
  validateAnswers(kiosk, answers, { today }).errors.map((e) => `${e.question}:${e.code}`);
const syllables = (s: string): number => s.trim().split(/\s+/).length;
const required = { overall: 3, tt01_1: 2, tt01_3: 1, tt01_4: 1, tt01_7: 1 };

/**
 * Seconds to read every label and option shown (300 syllables a minute) and to tap each answer, "next" and "send" (1
 * s each).
 */
function secondsFor(fields: readonly Field[]): number {
  const reading = fields.reduce(
    (acc, f) => acc + syllables(f.label.vi) + (f.options ?? []).reduce((a, o) => a + syllables(o.label.vi), 0),
    0,
  );
  return reading / 5 + fields.length + def.sections.length;
}

describe('one-stop-tt01 kiosk pack', () => {
  it('is a versioned kiosk form in both languages', () => {
    expect(def).toMatchObject({ code: 'one-stop-tt01', version: '2024.1', kind: 'kiosk', languages: ['vi', 'en'] });
  });

  it('asks the 9 indicators of Điều 13, each worth 0-2 points, 18 in all', () => {
    expect(def.framework?.nodes.map((n) => n.code)).toEqual([
      'TT01.1',
      'TT01.2',
      'TT01.3',
      'TT01.4',
      'TT01.5',
      'TT01.6',
      'TT01.7',
      'TT01.8',
      'TT01.9',
    ]);
    expect(def.framework?.nodes[2]?.label.vi).toBe(
      'Số lần phải liên hệ với nơi tiếp nhận hồ sơ để hoàn thiện hồ sơ, kể cả trực tuyến',
    );
    expect(indicators.map((f) => f.measure?.['indicator'])).toEqual(def.framework?.nodes.map((n) => n.code));
    let best = 0;
    for (const f of indicators) {
      const points = Object.values(f.measure?.recode ?? {});
      expect(
        [...points].sort((a, b) => a - b),
        f.id,
      ).toEqual([0, 1, 2]);
      for (const o of f.options ?? [])
        expect(
          o.missing !== undefined || f.measure?.recode?.[String(o.value)] !== undefined,
          `${f.id} ${o.value}`,
        ).toBe(true);
      best += Math.max(...points);
    }
    expect(best).toBe(18);
    expect(def.scoring).toMatchObject({
      method: 'one_stop',
      points: { min: 0, max: 2 },
      maxTotal: 18,
      overall: { rule: 'sum_of_children' },
    });
  });

  it('has the 3-level overall rating, and % satisfied counts Hài lòng and Rất hài lòng', () => {
    expect(kiosk.fieldById.get('overall')?.options?.map((o) => [o.value, o.label.vi])).toEqual([
      [1, 'Không hài lòng'],
      [2, 'Hài lòng'],
      [3, 'Rất hài lòng'],
    ]);
    expect(def.scoring).toMatchObject({ satisfaction: { item: 'overall', satisfiedValues: [2, 3] } });
  });

  it('fits a touch screen: few screens, few big choices, under 60 seconds even when every question is read', () => {
    expect(def.sections.length).toBeLessThanOrEqual(4);
    for (const f of kiosk.fields) expect((f.options ?? []).length, f.id).toBeLessThanOrEqual(4);
    const choices = kiosk.fields.filter((f) => f.options !== null);
    expect(secondsFor(choices)).toBeLessThan(60);
    expect(secondsFor(choices.filter((f) => f.required === true))).toBeLessThan(30);
  });

  it('accepts a quick rating with only the required taps', () => {
    expect(codes(required)).toEqual([]);
  });

  it('accepts a full rating with a dossier code, and "not applicable" answers', () => {
    const full = {
      ...required,
      tt01_2: 98,
      tt01_5: 1,
      tt01_6: 2,
      tt01_8: 97,
      tt01_9: 1,
      dossier_code: '000.00.12.H56-240315-0001',
    };
    const result = validateAnswers(kiosk, full, { today });
    expect(result.errors).toEqual([]);
    expect(result.values['dossier_code']).toBe('000.00.12.H56-240315-0001');
    expect(codes({ ...required, tt01_1: 97 })).toEqual([]);
  });

  it('treats the dossier code as optional personal data with a format', () => {
    expect(kiosk.fieldById.get('dossier_code')).toMatchObject({ required: false, pii: true });
    expect(codes({ ...required, dossier_code: 'H56.22-240315-0012' })).toEqual([]);
    expect(codes({ ...required, dossier_code: 'hồ sơ của tôi' })).toEqual(['dossier_code:pattern_mismatch']);
    expect(codes({ ...required, dossier_code: '000.00.12.H56-2403-0001' })).toEqual(['dossier_code:pattern_mismatch']);
  });

  it('reports typical mistakes with specific codes', () => {
    expect(codes({ tt01_1: 2, tt01_3: 1, tt01_4: 1, tt01_7: 1 })).toEqual(['overall:required']);
    expect(codes({ ...required, overall: 4 })).toEqual(['overall:invalid_option']);
    expect(codes({ ...required, tt01_3: 4 })).toEqual(['tt01_3:invalid_option']);
    expect(codes({ ...required, tt01_7: undefined })).toEqual(['tt01_7:required']);
    expect(codes({ ...required, tt01_3: 98 })).toEqual(['tt01_3:invalid_option']);
    expect(codes({ ...required, tt01_10: 2 })).toEqual(['tt01_10:unknown_question']);
  });

  it('gives every label both languages', () => {
    const labels = [
      def.title,
      ...def.sections.map((s) => s.title),
      ...kiosk.fields.map((f) => f.label),
      ...kiosk.fields.flatMap((f) => (f.options ?? []).map((o) => o.label)),
    ];
    for (const l of labels) expect(l.en, l.vi).toMatch(/\S/);
  });
});
