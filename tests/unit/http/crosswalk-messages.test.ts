// The crosswalk validator's row problems worded per language (issue 16): every code the validator gives has its
// Vietnamese and English text, with codes, lines and levels (the levels named in that language).
import { describe, expect, it } from 'vitest';
import { validateCrosswalk } from '../../../src/domain/sampling/crosswalk.js';
import type { FrameUnit } from '../../../src/domain/sampling/index.js';
import { crosswalkDetailText } from '../../../src/http/i18n/crosswalk-messages.js';

const unit = (code: string, level: FrameUnit['level'], parent: string | null): FrameUnit =>
  ({ code, name: code, level, parentCode: parent, population: 100, isSeat: false }) as FrameUnit;
const oldUnits = [unit('P', 'province', null), unit('D1', 'district', 'P'), unit('C1', 'commune', 'D1')];
const newUnits = [unit('P2', 'province', null), unit('X1', 'commune', 'P2')];
const row = (line: number, oldCode: string, newCode: string) => ({
  line,
  values: { old_code: oldCode, new_code: newCode },
});

describe('crosswalk row problems in both languages', () => {
  it('words each validator code in Vietnamese and English', () => {
    const result = validateCrosswalk(
      [
        row(2, 'C1', 'X1'),
        row(3, 'C1', 'X1'),
        row(4, 'C1', 'P2'),
        row(5, 'D1', 'X1'),
        row(6, 'ZZ', ''),
        row(7, 'ZZ', 'X1'),
      ],
      ['old_code', 'new_code'],
      oldUnits,
      newUnits,
    );
    if (result.ok) throw new Error('expected errors');
    const texts = result.errors.map((e) => crosswalkDetailText(e).text);
    expect(texts).toEqual([
      { vi: '“C1” đã được nối với “X1” ở dòng 2.', en: '"C1" is already linked to "X1" on line 2.' },
      { vi: '“C1” là xã nhưng “P2” là tỉnh.', en: '"C1" is a commune but "P2" is a province.' },
      {
        vi: '“D1” là huyện; khung mẫu mới không có cấp này.',
        en: '"D1" is a district; the new frame has no such level.',
      },
      { vi: 'Mã bị để trống.', en: 'The code is empty.' },
      { vi: 'Mã cũ “ZZ” không có trong khung mẫu cũ.', en: 'Old code "ZZ" is not in the old frame.' },
    ]);
  });

  it('leaves a detail of another kind as it is', () => {
    const d = { code: 'more_errors', message: 'and 3 more' };
    expect(crosswalkDetailText(d)).toBe(d);
  });
});
