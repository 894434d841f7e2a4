// CSV injection: text a spreadsheet would run as a formula is neutralised; numbers stay numbers for R and Stata.
import { describe, expect, it } from 'vitest';
import { spreadsheetCell } from '../../../src/domain/results/spreadsheet-cell.js';

describe('spreadsheetCell', () => {
  it('prefixes text that starts like a formula with an apostrophe', () => {
    for (const text of ['=1+1', '+cmd|x', '-2+3+cmd|calc', '@SUM(A1)', '\tx', '\r=x', '-']) {
      expect(spreadsheetCell(text)).toBe(`'${text}`);
    }
  });

  it('leaves numbers, numeric text, multi-select lists and ordinary text alone', () => {
    for (const value of [-3.5, 0, '-3.5', '+2', '-1e-5', '-1 2 3', 'Sở Nội vụ', '2026-06-10', '']) {
      expect(spreadsheetCell(value)).toBe(value);
    }
  });
});
