// results.csv is opened in Excel by the departments that own each criterion: a stored owner or domain level
// that starts like a formula must arrive as text, while negative changes stay numbers (attack run, finding 9).
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { resultsCsv } from '../../src/services/results/formats.js';
import { resultColumns, type ResultRow } from '../../src/services/results/table.js';

describe('resultsCsv', () => {
  it('neutralises formula-like text and keeps numbers', async () => {
    const row = Object.fromEntries(resultColumns.map((c) => [c, null])) as unknown as ResultRow;
    Object.assign(row, {
      round: 'r1',
      node: 'II.C',
      owner: '=HYPERLINK("http://evil.example","x")',
      domain_level: '@SUM(1+1)*cmd|x',
      change: -3.25,
      estimate: 0.8162,
    });
    const [header, line] = parse((await resultsCsv([row])).replace(/^\uFEFF/, '')) as string[][];
    const cell = (name: string) => line?.[header?.indexOf(name) ?? -1];
    expect(cell('owner')).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(cell('domain_level')).toBe(`'@SUM(1+1)*cmd|x`);
    expect(cell('change')).toBe('-3.25');
    expect(cell('estimate')).toBe('0.8162');
  });
});

describe('resultsCsv for Excel set to Vietnamese', () => {
  it('splits on semicolons, writes decimal commas and still neutralises formula-like text', async () => {
    const row = Object.fromEntries(resultColumns.map((c) => [c, null])) as unknown as ResultRow;
    Object.assign(row, { round: 'r1', node: 'II.C', owner: '=1+1', change: -3.25, estimate: 0.8162 });
    const [header, line] = parse((await resultsCsv([row], 'vi')).replace(/^\uFEFF/, ''), {
      delimiter: ';',
    }) as string[][];
    const cell = (name: string) => line?.[header?.indexOf(name) ?? -1];
    expect(header).toEqual([...resultColumns]);
    expect(cell('owner')).toBe(`'=1+1`);
    expect(cell('change')).toBe('-3,25');
    expect(cell('estimate')).toBe('0,8162');
  });
});
