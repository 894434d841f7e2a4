// The area crosswalk: line-numbered validation against both frames, the new units of each old unit, and the
// breaks in comparability (splits, and old communes whose villages went to different new communes).
import { describe, expect, it } from 'vitest';
import {
  communeTodayMap,
  provinceToday,
  validateCrosswalk,
  type FrameUnit,
} from '../../../src/domain/sampling/index.js';
import { rowsOf } from './support.js';

const unit = (level: FrameUnit['level'], code: string, parentCode: string | null): FrameUnit => ({
  level,
  code,
  name: code,
  parentCode,
  population: 100,
  isSeat: false,
});

// Before July 2025: P > D1 > C1 (V1, V2), C2 (V3); D2 > C3 (V4).
const oldFrame: FrameUnit[] = [
  unit('province', 'P', null),
  unit('district', 'D1', 'P'),
  unit('commune', 'C1', 'D1'),
  unit('village', 'V1', 'C1'),
  unit('village', 'V2', 'C1'),
  unit('commune', 'C2', 'D1'),
  unit('village', 'V3', 'C2'),
  unit('district', 'D2', 'P'),
  unit('commune', 'C3', 'D2'),
  unit('village', 'V4', 'C3'),
];
// Today: P > X1 (W1, W2), X2 (W3).
const newFrame: FrameUnit[] = [
  unit('province', 'P', null),
  unit('commune', 'X1', 'P'),
  unit('village', 'W1', 'X1'),
  unit('village', 'W2', 'X1'),
  unit('commune', 'X2', 'P'),
  unit('village', 'W3', 'X2'),
];

const check = (lines: string[]) => {
  const { rows, columns } = rowsOf(['old_code,new_code', ...lines]);
  return validateCrosswalk(rows, columns, oldFrame, newFrame);
};

describe('validateCrosswalk', () => {
  it('accepts a merge of communes and reports no break', () => {
    const result = check(['C1,X1', 'C2,X1', 'C3,X2', 'P,P']);
    expect(result).toEqual({
      ok: true,
      links: [
        { oldCode: 'C1', newCode: 'X1' },
        { oldCode: 'C2', newCode: 'X1' },
        { oldCode: 'C3', newCode: 'X2' },
        { oldCode: 'P', newCode: 'P' },
      ],
      breaks: [],
    });
  });

  it('reports an old commune split between two new communes, with its new codes', () => {
    const result = check(['C1,X1', 'C1,X2', 'C3,X2']);
    expect(result.ok && result.breaks).toEqual([{ oldCode: 'C1', level: 'commune', newCodes: ['X1', 'X2'] }]);
  });

  it('reports an old commune whose villages map to villages of different new communes', () => {
    const result = check(['V1,W1', 'V2,W3', 'V3,W2']);
    expect(result.ok && result.breaks).toEqual([{ oldCode: 'C1', level: 'commune', newCodes: ['X1', 'X2'] }]);
    if (!result.ok) throw new Error('expected ok');
    const { communeToday, split } = communeTodayMap(result.links, oldFrame, newFrame);
    expect(split).toEqual(['C1']);
    expect(communeToday.get('C1')).toBe('');
    expect(communeToday.get('C2')).toBe('X1');
  });

  it('refuses unknown codes, a repeated link and wrong levels, each with its line', () => {
    const result = check(['C1,X1', 'C9,X1', 'C2,X9', 'C1,X1', 'D1,X1', 'C3,W3', ',X1']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'unknown_old_code'],
      [4, 'unknown_new_code'],
      [5, 'duplicate_link'],
      [6, 'level_not_in_new_frame'],
      [7, 'level_mismatch'],
      [8, 'missing_code'],
    ]);
    expect(result.errors[2]?.message).toContain('line 2');
  });

  it('refuses a file without the columns or without rows', () => {
    const noColumn = validateCrosswalk(rowsOf(['old,new_code', 'C1,X1']).rows, ['old', 'new_code'], oldFrame, newFrame);
    expect(noColumn.ok === false && noColumn.errors[0]).toMatchObject({ line: 1, code: 'missing_column' });
    const empty = validateCrosswalk([], ['old_code', 'new_code'], oldFrame, newFrame);
    expect(empty.ok === false && empty.errors[0]?.code).toBe('empty_crosswalk');
  });
});

describe('provinceToday', () => {
  it("is the merged province's code the old province is linked to, else the new frame's province", () => {
    const merged = [
      unit('province', 'Q', null),
      ...newFrame.slice(1).map((u) => ({ ...u, parentCode: u.parentCode === 'P' ? 'Q' : u.parentCode })),
    ];
    expect(
      provinceToday(
        [
          { oldCode: 'P', newCode: 'Q' },
          { oldCode: 'C1', newCode: 'X1' },
        ],
        oldFrame,
        merged,
      ),
    ).toBe('Q');
    expect(provinceToday([{ oldCode: 'C1', newCode: 'X1' }], oldFrame, merged)).toBe('Q');
    expect(provinceToday([{ oldCode: 'C1', newCode: 'X1' }], oldFrame, newFrame)).toBe('P');
  });
});
