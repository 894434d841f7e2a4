// Household lists: validation with line numbers, and the simple random sample of primaries plus ordered reserves.
import { describe, expect, it } from 'vitest';
import {
  createRng,
  drawHouseholds,
  drawVillageHouseholds,
  validateHouseholdRows,
} from '../../../src/domain/sampling/index.js';
import type { Household, HouseholdResult } from '../../../src/domain/sampling/index.js';
import { rowsOf } from './support.js';

const header = 'village_code,household_id,head_name,address,phone,eligible_adults';

function validate(lines: readonly string[], selected: readonly string[] = ['V1', 'V2']): HouseholdResult {
  const { rows, columns } = rowsOf(lines);
  return validateHouseholdRows(rows, selected, { columns });
}

function listOf(villageCode: string, size: number, adults: (i: number) => number = () => 2): Household[] {
  return Array.from({ length: size }, (_, i) => ({
    villageCode,
    householdId: `${villageCode}-H${i + 1}`,
    headName: `Chủ hộ ${i + 1}`,
    address: '',
    phone: '',
    eligibleAdults: adults(i),
  }));
}

describe('validateHouseholdRows', () => {
  it('returns households in file order; address and phone may be empty', () => {
    const result = validate([header, 'V1,H1,Nguyễn Văn An,Xóm 1,0912345678,2', 'V2,H1,Trần Thị Bình,,,0']);
    expect(result).toEqual({
      ok: true,
      households: [
        {
          villageCode: 'V1',
          householdId: 'H1',
          headName: 'Nguyễn Văn An',
          address: 'Xóm 1',
          phone: '0912345678',
          eligibleAdults: 2,
        },
        { villageCode: 'V2', householdId: 'H1', headName: 'Trần Thị Bình', address: '', phone: '', eligibleAdults: 0 },
      ],
    });
  });

  it('reports every problem with its line and nothing is accepted', () => {
    const result = validate([
      header,
      'V1,H1,Nguyễn Văn An,,,2', //  2
      'V9,H2,Lê Văn Cường,,,1', //   3 village not selected
      'V1,H1,Phạm Thị Dung,,,1', //  4 duplicate in V1
      ',H3,Hoàng Văn Em,,,1', //     5 no village
      'V1,,Đỗ Thị Giang,,,1', //     6 no household id
      'V1,H7,,,,1', //               7 no head name
      'V1,H8,Vũ Văn Hải,,,-1', //    8 negative
      'V1,H9,Bùi Thị Khánh,,,1.5', // 9 not whole
      'V2,H10,Ngô Văn Long,,,', //   10 missing
    ]);
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map(({ line, field, code }) => [line, field, code])).toEqual([
      [3, 'village_code', 'unselected_village'],
      [4, 'household_id', 'duplicate_household'],
      [5, 'village_code', 'missing_village_code'],
      [6, 'household_id', 'missing_household_id'],
      [7, 'head_name', 'missing_head_name'],
      [8, 'eligible_adults', 'invalid_eligible_adults'],
      [9, 'eligible_adults', 'invalid_eligible_adults'],
      [10, 'eligible_adults', 'missing_eligible_adults'],
    ]);
    expect(result.errors[1]?.message).toBe('Household "H1" of village "V1" is already on line 2');
  });

  it('allows the same household id in two villages', () => {
    expect(validate([header, 'V1,H1,A,,,1', 'V2,H1,B,,,1']).ok).toBe(true);
  });

  it('reports missing columns on line 1 and an empty list', () => {
    const missing = validate(['village_code,household_id,head_name,eligible_adults', 'V1,H1,A,1']);
    expect(missing.ok ? [] : missing.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [1, 'address', 'missing_column'],
      [1, 'phone', 'missing_column'],
    ]);
    expect(validate([header])).toEqual({
      ok: false,
      errors: [{ line: 1, code: 'empty_list', message: 'The list has no data rows' }],
    });
  });
});

describe('drawVillageHouseholds', () => {
  it('draws 20 primaries (list order) and 10 ordered reserves from the eligible households, probability m / M', () => {
    // 160 listed, every 16th without an eligible adult: M = 150.
    const list = listOf('V1', 160, (i) => (i % 16 === 15 ? 0 : 1 + (i % 3)));
    const draw = drawVillageHouseholds(list, { respondents: 20, reserves: 10 }, createRng('V1'));
    expect([draw.listed, draw.eligible, draw.probability]).toEqual([160, 150, 20 / 150]);
    expect(draw.primaries.map((h) => h.order)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(draw.reserves.map((h) => h.order)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(draw.primaries.every((h) => h.role === 'primary') && draw.reserves.every((h) => h.role === 'reserve')).toBe(
      true,
    );
    const index = (h: Household): number => list.findIndex((x) => x.householdId === h.householdId);
    const primaryIdx = draw.primaries.map(index);
    expect(primaryIdx).toEqual([...primaryIdx].sort((a, b) => a - b));
    const all = [...draw.primaries, ...draw.reserves];
    expect(new Set(all.map((h) => h.householdId)).size).toBe(30);
    expect(all.every((h) => h.eligibleAdults > 0)).toBe(true);
    // Reserves stay in draw order, which is not list order for this seed.
    const reserveIdx = draw.reserves.map(index);
    expect(reserveIdx).not.toEqual([...reserveIdx].sort((a, b) => a - b));
  });

  it('takes everyone with probability 1 and no reserves when M <= m', () => {
    const draw = drawVillageHouseholds(listOf('V2', 18), { respondents: 20, reserves: 10 }, createRng(1));
    expect([draw.eligible, draw.probability, draw.primaries.length, draw.reserves.length]).toEqual([18, 1, 18, 0]);
  });

  it('keeps only M − m reserves when the list is short', () => {
    const draw = drawVillageHouseholds(listOf('V3', 24), { respondents: 20, reserves: 10 }, createRng(1));
    expect([draw.probability, draw.primaries.length, draw.reserves.length]).toEqual([20 / 24, 20, 4]);
  });

  it('is reproducible and gives every household the same chance m / M (simulation)', () => {
    const list = listOf('V4', 30);
    const size = { respondents: 5, reserves: 3 };
    expect(drawVillageHouseholds(list, size, createRng(5))).toEqual(drawVillageHouseholds(list, size, createRng(5)));
    const counts = new Array<number>(30).fill(0);
    const rng = createRng('srs');
    const draws = 3000;
    for (let r = 0; r < draws; r++) {
      for (const h of drawVillageHouseholds(list, size, rng).primaries) {
        const i = Number(h.householdId.slice(4)) - 1;
        counts[i] = (counts[i] ?? 0) + 1;
      }
    }
    const p = 5 / 30;
    for (const c of counts) expect(Math.abs(c / draws - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / draws));
  });

  it('refuses a list mixing villages', () => {
    expect(() =>
      drawVillageHouseholds([...listOf('V1', 2), ...listOf('V2', 2)], { respondents: 1, reserves: 0 }, createRng(1)),
    ).toThrow();
  });
});

describe('drawHouseholds', () => {
  it('draws each village in order of first appearance from one stream', () => {
    const list = [...listOf('V1', 40), ...listOf('V2', 10), ...listOf('V3', 50)];
    const size = { respondents: 20, reserves: 10 };
    const draws = drawHouseholds(list, size, createRng(11));
    expect(draws.map((d) => [d.villageCode, d.primaries.length, d.reserves.length, d.probability])).toEqual([
      ['V1', 20, 10, 0.5],
      ['V2', 10, 0, 1],
      ['V3', 20, 10, 0.4],
    ]);
    const rng = createRng(11);
    expect(draws).toEqual([
      drawVillageHouseholds(list.slice(0, 40), size, rng),
      drawVillageHouseholds(list.slice(40, 50), size, rng),
      drawVillageHouseholds(list.slice(50), size, rng),
    ]);
  });
});
