// Frame import validation: every error kind with its exact CSV line, all errors at once, frame order kept.
import { describe, expect, it } from 'vitest';
import { frameRowErrors, validateFrame } from '../../../src/domain/sampling/index.js';
import type { FrameResult } from '../../../src/domain/sampling/index.js';
import { provinceLines, rowsOf } from './support.js';

const header = 'level,code,name,parent_code,population,is_seat';
/** A valid frame: line 2 province, 3-4 districts, 5-8 communes, 9-16 villages. */
const valid = [
  header,
  'province,P,Tỉnh A,,10000,0', //           line 2
  'district,D1,Huyện 1,P,6000,0', //          line 3
  'district,D2,Thành phố A,P,4000,1', //      line 4
  'commune,C1,Xã 1,D1,3000,1', //             line 5
  'commune,C2,Xã 2,D1,3000,0', //             line 6
  'commune,C3,Phường 3,D2,2000,0', //         line 7
  'commune,C4,Phường 4,D2,2000,1', //         line 8
  'village,V1,Thôn 1,C1,1500,1', //           line 9
  'village,V2,Thôn 2,C1,1500,0',
  'village,V3,Thôn 3,C2,1500,0',
  'village,V4,Thôn 4,C2,1500,1',
  'village,V5,Tổ 5,C3,1000,1',
  'village,V6,Tổ 6,C3,1000,0',
  'village,V7,Tổ 7,C4,1000,0',
  'village,V8,Tổ 8,C4,1000,1', //             line 16
];

function validate(lines: readonly string[]): FrameResult {
  const { rows, columns } = rowsOf(lines);
  return validateFrame(rows, { columns });
}

/** The frame with line `line` (1-based, as in the file) replaced. */
function withLine(line: number, text: string): string[] {
  return valid.map((l, i) => (i + 1 === line ? text : l));
}

function errorsOf(result: FrameResult): { line: number; field?: string; code: string }[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors.map(({ line, field, code }) => (field === undefined ? { line, code } : { line, field, code }));
}

describe('validateFrame: valid input', () => {
  it('returns the units in frame order with parsed fields', () => {
    const result = validate(valid);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.units.map((u) => u.code)).toEqual([
      'P',
      'D1',
      'D2',
      'C1',
      'C2',
      'C3',
      'C4',
      'V1',
      'V2',
      'V3',
      'V4',
      'V5',
      'V6',
      'V7',
      'V8',
    ]);
    expect(result.units[0]).toEqual({
      level: 'province',
      code: 'P',
      name: 'Tỉnh A',
      parentCode: null,
      population: 10000,
      isSeat: false,
    });
    expect(result.units[2]).toEqual({
      level: 'district',
      code: 'D2',
      name: 'Thành phố A',
      parentCode: 'P',
      population: 4000,
      isSeat: true,
    });
  });

  it('accepts an empty is_seat as 0, a zero population, and children listed before their parent', () => {
    const lines = [...withLine(10, 'village,V2,Thôn 2,C1,0,'), 'commune,C5,Xã 5,D1,10,0', 'village,V9,Thôn 9,C5,10,1'];
    const reordered = [lines[0] as string, ...lines.slice(2), lines[1] as string];
    expect(validate(lines).ok).toBe(true);
    expect(validate(reordered).ok).toBe(true);
  });

  it('accepts the synthetic province used by the draw tests', () => {
    expect(validate(provinceLines({ districts: 4, communes: 3, villages: 3 })).ok).toBe(true);
  });
});

describe('validateFrame: errors with line numbers', () => {
  it('reports missing columns on the header line and nothing else', () => {
    const result = validate(['level,code,name,population', 'province,P,Tỉnh A,10']);
    expect(errorsOf(result)).toEqual([
      { line: 1, field: 'parent_code', code: 'missing_column' },
      { line: 1, field: 'is_seat', code: 'missing_column' },
    ]);
  });

  it('reports an empty frame', () => {
    expect(errorsOf(validate([header]))).toEqual([{ line: 1, code: 'empty_frame' }]);
  });

  it.each([
    [
      'an unknown level',
      7,
      'ward,C3,Phường 3,D2,2000,0',
      [
        { line: 7, field: 'level', code: 'invalid_level' },
        // V5 and V6 point at C3, which has no usable level; D2 still has its seat C4.
      ],
    ],
    [
      'an empty code (its villages then point at a code that is not in the frame)',
      6,
      'commune,,Xã 2,D1,3000,0',
      [
        { line: 6, field: 'code', code: 'missing_code' },
        { line: 11, field: 'parent_code', code: 'unknown_parent' },
        { line: 12, field: 'parent_code', code: 'unknown_parent' },
      ],
    ],
    ['an empty name', 3, 'district,D1,,P,6000,0', [{ line: 3, field: 'name', code: 'missing_name' }]],
    [
      'a missing population',
      11,
      'village,V3,Thôn 3,C2,,0',
      [{ line: 11, field: 'population', code: 'missing_population' }],
    ],
    [
      'a negative population',
      11,
      'village,V3,Thôn 3,C2,-40,0',
      [{ line: 11, field: 'population', code: 'negative_population' }],
    ],
    [
      'a decimal population',
      11,
      'village,V3,Thôn 3,C2,12.5,0',
      [{ line: 11, field: 'population', code: 'invalid_population' }],
    ],
    [
      'a text population',
      11,
      'village,V3,Thôn 3,C2,many,0',
      [{ line: 11, field: 'population', code: 'invalid_population' }],
    ],
    [
      'an is_seat other than 0/1',
      10,
      'village,V2,Thôn 2,C1,1500,yes',
      [{ line: 10, field: 'is_seat', code: 'invalid_is_seat' }],
    ],
    [
      'a province with a parent',
      2,
      'province,P,Tỉnh A,X,10000,0',
      [{ line: 2, field: 'parent_code', code: 'province_has_parent' }],
    ],
    [
      'a province marked as seat',
      2,
      'province,P,Tỉnh A,,10000,1',
      [{ line: 2, field: 'is_seat', code: 'province_is_seat' }],
    ],
    [
      'a village without a commune',
      16,
      'village,V8,Tổ 8,,1000,1',
      [
        { line: 8, field: 'is_seat', code: 'missing_seat' },
        { line: 16, field: 'parent_code', code: 'missing_parent' },
      ],
    ],
    [
      'an unknown parent',
      13,
      'village,V5,Tổ 5,C99,1000,1',
      [
        { line: 7, field: 'is_seat', code: 'missing_seat' },
        { line: 13, field: 'parent_code', code: 'unknown_parent' },
      ],
    ],
    [
      'a parent two levels up',
      14,
      'village,V6,Tổ 6,D2,1000,0',
      [{ line: 14, field: 'parent_code', code: 'parent_wrong_level' }],
    ],
    [
      'a parent without its seat child',
      9,
      'village,V1,Thôn 1,C1,1500,0',
      [{ line: 5, field: 'is_seat', code: 'missing_seat' }],
    ],
    ['a second seat', 10, 'village,V2,Thôn 2,C1,1500,1', [{ line: 10, field: 'is_seat', code: 'multiple_seats' }]],
    [
      'a capital district missing',
      4,
      'district,D2,Thành phố A,P,4000,0',
      [{ line: 2, field: 'is_seat', code: 'missing_seat' }],
    ],
  ])('reports %s', (_name, line, text, expected) => {
    expect(errorsOf(validate(withLine(line, text)))).toEqual(expected);
  });

  it('reports a duplicate code on the later line', () => {
    const lines = [...valid, 'village,V3,Thôn 3 bis,C2,200,0'];
    const result = validate(lines);
    expect(errorsOf(result)).toEqual([{ line: 17, field: 'code', code: 'duplicate_code' }]);
    if (!result.ok) expect(result.errors[0]?.message).toBe('Code "V3" is already used on line 11');
  });

  it('reports a frame without a province on line 1 and a second province on its line', () => {
    expect(errorsOf(validate([header, 'district,D1,Huyện 1,,10,1']))).toEqual([
      { line: 1, field: 'level', code: 'no_province' },
      { line: 2, field: 'parent_code', code: 'missing_parent' },
      { line: 2, code: 'no_children' },
    ]);
    expect(errorsOf(validate([...valid, 'province,Q,Tỉnh B,,5,0']))).toEqual([
      { line: 17, field: 'level', code: 'multiple_provinces' },
      { line: 17, code: 'no_children' },
    ]);
  });

  it('reports a district without communes', () => {
    expect(errorsOf(validate([...valid, 'district,D3,Huyện 3,P,10,0']))).toEqual([{ line: 17, code: 'no_children' }]);
  });

  it('reports every error of a file at once, sorted by line', () => {
    const lines = valid.map((l, i) => {
      if (i + 1 === 6) return 'commune,C2,Xã 2,D1,-1,0';
      if (i + 1 === 12) return 'village,V4,Thôn 4,C2,1500,2';
      if (i + 1 === 15) return 'village,V7,Tổ 7,V8,1000,0';
      return l;
    });
    expect(errorsOf(validate([...lines, 'village,V1,Thôn 1 bis,C1,5,0']))).toEqual([
      { line: 6, field: 'population', code: 'negative_population' },
      { line: 12, field: 'is_seat', code: 'invalid_is_seat' },
      { line: 15, field: 'parent_code', code: 'parent_wrong_level' },
      { line: 17, field: 'code', code: 'duplicate_code' },
    ]);
  });
});

describe('frameRowErrors: the problems a first part of a file already shows', () => {
  const rowErrorsOf = (lines: readonly string[], levels?: string[]) => {
    const { rows, columns } = rowsOf(lines);
    return frameRowErrors(rows, { columns, ...(levels ? { levels } : {}) }).map(({ line, code }) => ({ line, code }));
  };

  it('reports bad cells, reused codes and levels outside a declared chain, but not what later rows could fix', () => {
    const first = [header, 'province,P,Tỉnh A,,10000,0', 'district,D1,Huyện 1,P,x,0', 'commune,C1,Xã 1,D9,3000,1'];
    expect(rowErrorsOf([...first, 'commune,D1,Xã 2,D1,5,2'])).toEqual([
      { line: 3, code: 'invalid_population' },
      { line: 5, code: 'invalid_is_seat' },
      { line: 5, code: 'duplicate_code' },
    ]);
    expect(rowErrorsOf(first, ['province', 'commune', 'village'])).toEqual([
      { line: 3, code: 'invalid_population' },
      { line: 3, code: 'level_not_in_chain' },
    ]);
  });

  it('is a subset of the whole file’s problems, whatever follows', () => {
    const lines = valid.map((l, i) => (i + 1 === 6 ? 'commune,C2,Xã 2,D1,-1,0' : l));
    const whole = errorsOf(validate(lines)).map(({ line, code }) => ({ line, code }));
    for (let cut = 2; cut <= lines.length; cut += 1) {
      for (const problem of rowErrorsOf(lines.slice(0, cut))) expect(whole).toContainEqual(problem);
    }
    expect(rowErrorsOf(lines)).toEqual([{ line: 6, code: 'negative_population' }]);
  });

  it('reports missing columns alone', () => {
    expect(rowErrorsOf(['level,code,name', 'province,P,Tỉnh A'])[0]).toMatchObject({ line: 1, code: 'missing_column' });
  });
});
