// Choosing the one adult of a household: Kish's selection tables (the published grid, tables given to households
// in Kish's proportions, reproducible from the household key, the selection probabilities they imply) and the
// nearest-birthday rule (counting from the interview day, across the new year and 29 February, ties at random).
import { describe, expect, it } from 'vitest';
import {
  createRng,
  householdSelectionKey,
  kishLine,
  kishTableFor,
  kishTables,
  nextBirthdayLine,
  selectionProbability,
  selectionProblem,
  type KishTable,
} from '../../../src/domain/sampling/index.js';

// Kish (1949), the lines to interview for 1, 2, 3, 4, 5 and 6+ eligible adults.
const published: Record<KishTable, number[]> = {
  A: [1, 1, 1, 1, 1, 1],
  B1: [1, 1, 1, 1, 2, 2],
  B2: [1, 1, 1, 2, 2, 2],
  C: [1, 1, 2, 2, 3, 3],
  D: [1, 2, 2, 3, 4, 4],
  E1: [1, 2, 3, 3, 3, 5],
  E2: [1, 2, 3, 4, 5, 5],
  F: [1, 2, 3, 4, 5, 6],
};

describe('Kish selection tables', () => {
  it('give the published line for every table and household size, 6+ alike', () => {
    for (const table of kishTables) {
      expect([1, 2, 3, 4, 5, 6].map((n) => kishLine(table, n))).toEqual(published[table]);
      expect(kishLine(table, 9)).toBe(published[table][5]);
    }
    expect(() => kishLine('A', 0)).toThrow(RangeError);
  });

  it("give each household one table from its key, in Kish's proportions (2:1:1:2:2:1:1:2 twelfths)", () => {
    expect(kishTableFor('X001V01/H007')).toBe(kishTableFor(householdSelectionKey('X001V01', 'H007')));
    const counts = new Map<KishTable, number>();
    const n = 24_000;
    for (let i = 0; i < n; i += 1) {
      const t = kishTableFor(householdSelectionKey(`V${i % 97}`, `H${i}`));
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    const twelfths: Record<KishTable, number> = { A: 2, B1: 1, B2: 1, C: 2, D: 2, E1: 1, E2: 1, F: 2 };
    for (const t of kishTables) {
      const expected = (n * twelfths[t]) / 12;
      // 4 binomial standard deviations
      expect(Math.abs((counts.get(t) ?? 0) - expected)).toBeLessThan(4 * Math.sqrt(expected));
    }
  });

  it('choose each of 1-4 and 6 adults with probability 1/A; 5 adults unequally; from 7 only lines 1-6', () => {
    for (const n of [1, 2, 3, 4, 6]) {
      for (let line = 1; line <= n; line += 1) expect(selectionProbability('kish', n, line)).toBeCloseTo(1 / n, 15);
    }
    expect([1, 2, 3, 4, 5].map((line) => selectionProbability('kish', 5, line))).toEqual(
      [1 / 6, 1 / 6, 1 / 4, 1 / 6, 1 / 4].map((p) => expect.closeTo(p, 15)),
    );
    expect(selectionProbability('kish', 8, 6)).toBeCloseTo(1 / 6, 15);
    expect(() => selectionProbability('kish', 8, 7)).toThrow(/never chooses line 7/);
    expect(() => selectionProbability('kish', 3, 4)).toThrow(RangeError);
    expect(selectionProbability('nearest_birthday', 5, 3)).toBeCloseTo(1 / 5, 15);
  });

  it('over many households of three adults, choose each line about a third of the time', () => {
    const lines = [0, 0, 0];
    for (let i = 0; i < 9000; i += 1) {
      const line = kishLine(kishTableFor(`V/H${i}`), 3);
      lines[line - 1] = (lines[line - 1] ?? 0) + 1;
    }
    for (const c of lines) expect(Math.abs(c - 3000)).toBeLessThan(4 * Math.sqrt(9000 * (1 / 3) * (2 / 3)));
  });

  it('check a recorded selection against the household', () => {
    const key = householdSelectionKey('V1', 'H9');
    const table = kishTableFor(key);
    const line = kishLine(table, 4);
    expect(selectionProblem({ method: 'kish', eligibleAdults: 4, line, table }, key)).toBeNull();
    expect(selectionProblem({ method: 'kish', eligibleAdults: 4, line: (line % 4) + 1 }, key)).toContain(
      `chooses line ${line}`,
    );
    const other = kishTables.find((t) => t !== table) as KishTable;
    expect(selectionProblem({ method: 'kish', eligibleAdults: 4, line, table: other }, key)).toContain(
      `has Kish table ${table}`,
    );
    expect(selectionProblem({ method: 'nearest_birthday', eligibleAdults: 2, line: 3 }, key)).toContain('not one of');
    expect(selectionProblem({ method: 'nearest_birthday', eligibleAdults: 2, line: 2 }, key)).toBeNull();
  });
});

describe('the nearest-birthday rule', () => {
  const rng = createRng(1);
  const b = (month: number, day: number) => ({ month, day });

  it('chooses the adult whose birthday comes next from the interview day, today included', () => {
    expect(nextBirthdayLine([b(3, 5), b(12, 1), b(11, 19)], '2026-11-20', rng)).toBe(2);
    expect(nextBirthdayLine([b(3, 5), b(11, 20), b(11, 21)], '2026-11-20', rng)).toBe(2);
  });

  it('wraps over the new year', () => {
    expect(nextBirthdayLine([b(12, 25), b(1, 2), b(12, 29)], '2026-12-30', rng)).toBe(2);
    expect(nextBirthdayLine([b(12, 30), b(1, 2)], '2026-12-31', rng)).toBe(2);
  });

  it('takes 29 February as 1 March outside leap years', () => {
    expect(nextBirthdayLine([b(3, 2), b(2, 29)], '2028-02-28', rng)).toBe(2);
    expect(nextBirthdayLine([b(3, 2), b(2, 29)], '2027-03-01', rng)).toBe(2);
    expect(nextBirthdayLine([b(3, 1), b(2, 29)], '2028-03-01', rng)).toBe(1);
  });

  it('separates equal birthdays with the random stream it is given', () => {
    const chosen = new Set<number>();
    for (let seed = 0; seed < 40; seed += 1)
      chosen.add(nextBirthdayLine([b(5, 1), b(7, 7), b(5, 1)], '2026-04-01', createRng(seed)));
    expect(chosen).toEqual(new Set([1, 3]));
    const again = (seed: number) => nextBirthdayLine([b(5, 1), b(5, 1)], '2026-04-01', createRng(seed));
    expect(again(7)).toBe(again(7));
  });

  it('refuses a day that does not exist and an empty household', () => {
    expect(() => nextBirthdayLine([b(2, 30)], '2026-01-01', rng)).toThrow(/line 1/);
    expect(() => nextBirthdayLine([b(1, 1), b(13, 1)], '2026-01-01', rng)).toThrow(/line 2/);
    expect(() => nextBirthdayLine([], '2026-01-01', rng)).toThrow(RangeError);
  });
});
