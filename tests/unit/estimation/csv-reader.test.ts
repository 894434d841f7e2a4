// The estimation CSV reader (src/services/estimation/csv-reader.ts) reads what csv-parse reads: BOM, CRLF,
// quoted fields with commas, newlines and "" escapes, Vietnamese labels, NA and empty cells as missing,
// also when records straddle the reader's chunks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvColumns } from '../../../src/services/estimation/csv-reader.js';
import type { ColumnKind } from '../../../src/services/estimation/csv-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'langnghe-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const tricky =
  '\uFEFF"tỉnh","ghi chú",x,w\r\n"Hà Nội","a, b",1.5,2\r\n"Đà Nẵng","nói ""có""\nrồi",NA,1e2\r\n\r\nHuế,,-3,0.25\r\n';

describe('readCsvColumns', () => {
  it('reads the same values as csv-parse', () => {
    const path = write('tricky.csv', tricky);
    const kinds = new Map<string, ColumnKind>([
      ['tỉnh', 'categorical'],
      ['ghi chú', 'categorical'],
      ['x', 'numeric'],
      ['w', 'numeric'],
    ]);
    const got = readCsvColumns(path, kinds);
    const records = parse(tricky, { bom: true, skip_empty_lines: true }) as string[][];
    expect(got.rows).toBe(records.length - 1);
    const text = (name: string, k: number): string | null => {
      const c = got.categorical.get(name);
      const code = c?.codes[k] ?? -1;
      return code < 0 ? null : (c?.levels[code] as string);
    };
    records.slice(1).forEach((r, k) => {
      expect(text('tỉnh', k)).toBe(r[0]);
      expect(text('ghi chú', k)).toBe(r[1] === '' ? null : r[1]);
      const x = got.numeric.get('x')?.[k] as number;
      if (r[2] === 'NA') expect(x).toBeNaN();
      else expect(x).toBe(Number(r[2]));
      expect(got.numeric.get('w')?.[k]).toBe(Number(r[3]));
    });
  });

  it('gives the same numbers as Number() on the fast path and across chunk boundaries', () => {
    const lines = ['"id","v","s"'];
    const values: number[] = [];
    for (let k = 0; k < 5000; k += 1) {
      const v = ((k * 7919) % 100003) / 997 - 40;
      values.push(Number(v.toFixed(6)));
      lines.push(`${k},${v.toFixed(6)},"nhãn ${k % 13}, ""q"""`);
    }
    const path = write('chunks.csv', lines.join('\n'));
    const got = readCsvColumns(
      path,
      new Map<string, ColumnKind>([
        ['v', 'numeric'],
        ['s', 'categorical'],
      ]),
      4096,
    );
    expect(got.rows).toBe(5000);
    values.forEach((v, k) => expect(got.numeric.get('v')?.[k]).toBe(v));
    const s = got.categorical.get('s');
    expect(s?.levels).toHaveLength(13);
    expect(s?.levels[s.codes[4999] as number]).toBe(`nhãn ${4999 % 13}, "q"`);
  });

  it('names an unknown column, a non-numeric value and a ragged row', () => {
    const path = write('bad.csv', 'a,b\n1,x\n2\n');
    expect(() => readCsvColumns(path, new Map([['c', 'numeric']]))).toThrow('unknown column "c"; the file has: a, b');
    expect(() => readCsvColumns(path, new Map([['b', 'numeric']]))).toThrow(
      'row 1: column "b" has the non-numeric value "x"',
    );
    expect(() => readCsvColumns(path, new Map([['a', 'numeric']]))).toThrow('row 2 has 1 fields but the header has 2');
    expect(() => readCsvColumns(write('quote.csv', 'a\n"open\n'), new Map([['a', 'numeric']]))).toThrow('not closed');
  });
});
