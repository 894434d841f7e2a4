// The two CSV dialects and the XLSX layout rules: Excel set to Vietnamese splits on semicolons and reads decimal
// commas; formula-like text is neutralised in both dialects; sheet names are ones Excel accepts; number formats
// follow the pack (percent with its decimals for shares, its decimals for scores).
import { describe, expect, it } from 'vitest';
import { csvCell, csvDelimiter } from '../../../src/domain/results/csv-dialect.js';
import { numberFormat, sheetName } from '../../../src/domain/results/sheet-layout.js';

describe('csvCell', () => {
  it('writes decimal commas for Excel in Vietnamese and dots otherwise, keeping every digit', () => {
    expect(csvDelimiter('vi')).toBe(';');
    expect(csvDelimiter('standard')).toBe(',');
    expect(csvCell(0.8162034571234567, 'vi')).toBe('0,8162034571234567');
    expect(csvCell(-3.25, 'vi')).toBe('-3,25');
    expect(csvCell(-3.25, 'standard')).toBe('-3.25');
    expect(csvCell(1234567, 'vi')).toBe('1234567');
    expect(csvCell(null, 'vi')).toBe('');
    expect(csvCell(true, 'vi')).toBe('true');
  });

  it('neutralises formula-like text in both dialects and leaves numeric text alone', () => {
    for (const dialect of ['vi', 'standard'] as const) {
      for (const text of ['=1+1', '+cmd|x', '-2+3', '@SUM(A1)', '\tx', '\r=x'])
        expect(csvCell(text, dialect)).toBe(`'${text}`);
      expect(csvCell('-1 2', dialect)).toBe('-1 2');
      expect(csvCell('Sở Nội vụ', dialect)).toBe('Sở Nội vụ');
    }
  });
});

describe('numberFormat', () => {
  it('shows shares as percent with the pack’s decimals, changes signed, scores with the pack’s decimals', () => {
    expect(numberFormat('estimate', true, 2)).toBe('0.00%');
    expect(numberFormat('se', true, 2)).toBe('0.00%');
    expect(numberFormat('ci_high', true, 1)).toBe('0.0%');
    expect(numberFormat('change', true, 2)).toBe('+0.00%;-0.00%;0.00%');
    expect(numberFormat('estimate', false, 3)).toBe('0.000');
    expect(numberFormat('gap', false, 3)).toBe('+0.000;-0.000;0.000');
    expect(numberFormat('estimate', false, 0)).toBe('0');
    expect(numberFormat('n', true, 2)).toBe('#,##0');
    expect(numberFormat('cv', false, 3)).toBe('0.0%');
    expect(numberFormat('label_vi', true, 2)).toBeNull();
  });
});

describe('sheetName', () => {
  it('cuts long level labels, drops characters Excel refuses and never repeats a name', () => {
    const taken = new Set<string>();
    expect(sheetName('Nhóm tiêu chí (chính sách) / yếu tố (dịch vụ)', taken)).toBe('Nhóm tiêu chí (chính sách)');
    expect(sheetName('Tiêu chí', taken)).toBe('Tiêu chí');
    expect(sheetName('Tiêu chí', taken)).toBe('Tiêu chí 2');
    expect(sheetName('a:b*c?d[e]f\\g', taken)).toBe('a b c d e f g');
    const long = sheetName('Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh (PAPI)', taken);
    expect(long).toBe('Chỉ số Hiệu quả Quản trị và');
    expect(long.length).toBeLessThanOrEqual(31);
  });
});
