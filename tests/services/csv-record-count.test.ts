// The quick count that refuses an oversized upload before it is parsed (attack run, finding 5) must agree with
// the parser: a file is refused early exactly when csv-parse would find more records than the limit.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecordEndLines, csvRecordsExceed, parseCsvRows } from '../../src/services/sampling/csv-rows.js';

const parsedRecords = (text: string): number =>
  (parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as unknown[]).length;

const field = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'lone\rcr', 'Nguyễn', ''),
);
const file = fc.record({
  rows: fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
  crlf: fc.boolean(),
  blankLines: fc.boolean(),
  finalNewline: fc.boolean(),
  bom: fc.boolean(),
});

type FileShape = typeof file extends fc.Arbitrary<infer T> ? T : never;

function textOf({ rows, crlf, blankLines, finalNewline, bom }: FileShape): string {
  const eol = crlf ? '\r\n' : '\n';
  let text = stringify(rows, { record_delimiter: crlf ? 'windows' : 'unix' });
  if (blankLines) text = text.split(eol).join(`${eol}${eol}`);
  if (!finalNewline) text = text.replace(/(\r\n|\n)+$/, '');
  return bom ? `\uFEFF${text}` : text;
}

describe('csvRecordEndLines', () => {
  it('numbers each record by the line it ends on, exactly as csv-parse info.lines does', () => {
    fc.assert(
      fc.property(file, (shape) => {
        const text = textOf(shape);
        let parsed: { info: { lines: number } }[];
        try {
          // With `info: true` csv-parse returns { record, info } pairs; its typings do not follow the option.
          parsed = parse(text, {
            bom: true,
            info: true,
            skip_empty_lines: true,
            relax_column_count: true,
          }) as unknown as {
            info: { lines: number };
          }[];
        } catch {
          return;
        }
        expect(csvRecordEndLines(text)).toEqual(parsed.map((r) => r.info.lines));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives parsed rows the lines of a file with blank lines and a quoted line break', () => {
    const text = 'level,code\r\n\r\nprovince,"P\r\n1"\r\ncommune,C1\r\n';
    expect(parseCsvRows(text, 10).rows.map((r) => [r.line, r.values['code']])).toEqual([
      [5, 'P\r\n1'],
      [6, 'C1'],
    ]);
  });
});

describe('csvRecordsExceed', () => {
  it('counts records as csv-parse does: quoted commas, quotes and line breaks, CRLF, blank lines, no final newline', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'Nguyễn', ''),
    );
    const file = fc.record({
      rows: fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
      crlf: fc.boolean(),
      blankLines: fc.boolean(),
      finalNewline: fc.boolean(),
    });
    fc.assert(
      fc.property(file, ({ rows, crlf, blankLines, finalNewline }) => {
        const eol = crlf ? '\r\n' : '\n';
        let text = stringify(rows, { record_delimiter: crlf ? 'windows' : 'unix' });
        if (blankLines) text = text.split(eol).join(`${eol}${eol}`);
        if (!finalNewline) text = text.replace(/(\r\n|\n)+$/, '');
        let count: number;
        try {
          count = parsedRecords(text);
        } catch {
          return;
        }
        for (const limit of [count - 1, count, count + 1].filter((n) => n >= 0)) {
          expect(csvRecordsExceed(text, limit)).toBe(count > limit);
          expect(csvRecordsExceed(Buffer.from(text, 'utf8'), limit)).toBe(count > limit);
        }
      }),
      { numRuns: 500 },
    );
  });
});
